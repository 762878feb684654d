#include "portal/web/static_files.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <cctype>
#include <fstream>
#include <map>
#include <system_error>
#include <vector>

#include "portal/web/api_request.h"
#include "portal/web/request_guard.h"

namespace portal::web {

namespace {

namespace fs = std::filesystem;

std::vector<std::string_view> segmentsOf(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Whether `file` (canonical) is `root` or below it.
bool isWithin(const fs::path& file, const fs::path& root) {
  auto f = file.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++f) {
    if (f == file.end() || *f != *r) return false;
  }
  return true;
}

}  // namespace

StaticFiles::StaticFiles(const fs::path& root) : root_(fs::canonical(root)) {}

const char* StaticFiles::contentTypeFor(const fs::path& file) {
  static const std::map<std::string, const char*, std::less<>> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".wasm", "application/wasm"},
      {".txt", "text/plain; charset=utf-8"},
  };
  std::string extension = file.extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto found = kTypes.find(extension);
  return found == kTypes.end() ? "application/octet-stream" : found->second;
}

StaticFiles::Resolved StaticFiles::resolve(std::string_view raw_path) const {
  using Kind = Resolved::Kind;
  if (raw_path.empty() || raw_path.front() != '/') return {Kind::BadPath, {}, {}, "not a path"};
  std::string path;
  try {
    Poco::URI::decode(std::string(raw_path), path);
  } catch (const Poco::Exception&) {
    return {Kind::BadPath, {}, {}, "the path does not decode"};
  }
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) {
    return {Kind::BadPath, {}, {}, "NUL or backslash in the path"};
  }
  const std::vector<std::string_view> segments = segmentsOf(std::string_view(path).substr(1));
  fs::path file = root_;
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string_view segment = segments[i];
    if (segment == "." || segment == "..") {
      return {Kind::BadPath, {}, {}, "'.' and '..' are not allowed in a path"};
    }
    const bool last = i + 1 == segments.size();
    if (segment.empty()) {
      if (last) break;  // the trailing slash of a folder
      return {Kind::NotFound, {}, {}, "empty path segment"};
    }
    if (segment.front() == '.') return {Kind::NotFound, {}, {}, "hidden file"};
    file /= fs::path(std::string(segment));
  }

  std::error_code error;
  const bool folder_named = path.back() == '/';
  if (!folder_named && fs::is_directory(file, error)) {
    return {Kind::Redirect, {}, std::string(raw_path) + "/", {}};
  }
  if (folder_named) file /= "index.html";
  if (!fs::is_regular_file(file, error)) return {Kind::NotFound, {}, {}, "no such file"};
  const fs::path real = fs::canonical(file, error);
  if (error || !isWithin(real, root_)) return {Kind::NotFound, {}, {}, "no such file"};
  return {Kind::File, real, {}, {}};
}

void StaticFiles::serve(Poco::Net::HTTPServerRequest& request,
                        Poco::Net::HTTPServerResponse& response, std::string_view raw_path) const {
  const Resolved resolved = resolve(raw_path);
  switch (resolved.kind) {
    case Resolved::Kind::BadPath:
      writeResponse(response, ApiResponse::problem(400, "BAD_PATH", resolved.reason));
      return;
    case Resolved::Kind::NotFound:
      writeResponse(response,
                    ApiResponse::problem(404, "NOT_FOUND", "no file at " + std::string(raw_path)));
      return;
    case Resolved::Kind::Redirect: {
      std::string location = resolved.location;
      const std::string& target = request.getURI();
      if (const size_t query = target.find('?'); query != std::string::npos) {
        location += target.substr(query);
      }
      response.set("Location", location);
      response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_MOVED_PERMANENTLY);
      response.setContentLength(0);
      response.send();
      return;
    }
    case Resolved::Kind::File:
      break;
  }
  std::ifstream in(resolved.file, std::ios::binary);
  std::error_code error;
  const uintmax_t size = fs::file_size(resolved.file, error);
  if (!in || error) {
    writeResponse(response,
                  ApiResponse::problem(404, "NOT_FOUND", "no file at " + std::string(raw_path)));
    return;
  }
  response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
  response.setContentType(contentTypeFor(resolved.file));
  response.setContentLength64(static_cast<Poco::UInt64>(size));
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Cache-Control", "no-cache");
  std::ostream& out = response.send();
  if (request.getMethod() != Poco::Net::HTTPRequest::HTTP_HEAD) {
    Poco::StreamCopier::copyStream(in, out);
  }
}

}  // namespace portal::web
