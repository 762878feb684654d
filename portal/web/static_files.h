// StaticFiles: the hall's pages and bundles, served from its assets folder
// for GET and HEAD of paths outside /api/ and /ws/.
//
// A request path names a file below the folder: "/" and any path ending in
// "/" name that folder's index.html; a folder named without the slash is
// redirected (301) to it, so that relative links in its page resolve. The
// content type follows the extension (html, js, css, json, svg, png, woff2,
// wasm …; anything else is application/octet-stream). Refused with 400: a
// path that does not decode, or holds "." or ".." segments (percent-encoded
// ones too, since segments are checked after decoding), NUL bytes or
// backslashes. Answered 404: no such file, a folder without index.html (there
// are no listings), hidden files (a segment starting with "."), and files
// whose real path — symbolic links followed — lies outside the folder.
//
// Immutable after construction; serve() may run on many threads at once.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace Poco::Net {
class HTTPServerRequest;
class HTTPServerResponse;
}  // namespace Poco::Net

namespace portal::web {

class StaticFiles {
 public:
  // `root` must be an existing folder.
  explicit StaticFiles(const std::filesystem::path& root);

  struct Resolved {
    enum class Kind { File, Redirect, NotFound, BadPath };
    Kind kind = Kind::NotFound;
    std::filesystem::path file;  // File
    std::string location;        // Redirect: the path with its slash
    std::string reason;          // BadPath, NotFound: why, for the answer
  };

  // `raw_path`: the request's path as sent (percent-encoded, no query).
  Resolved resolve(std::string_view raw_path) const;

  // Answers the request: the file (no body for HEAD), a redirect, or a JSON
  // error.
  void serve(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
             std::string_view raw_path) const;

  static const char* contentTypeFor(const std::filesystem::path& file);

 private:
  std::filesystem::path root_;  // canonical
};

}  // namespace portal::web
