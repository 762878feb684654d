// Runs the real `hall` binary: exit statuses and output formats are the
// contract scripts and editors rely on.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct HallRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// The child's environment never carries the developer's token.
Poco::Process::Env childEnv() { return {{"HALL_ADMIN_TOKEN", ""}}; }

HallRun hall(const std::vector<std::string>& args, const fs::path& cwd = fs::current_path()) {
  Poco::Pipe out_pipe;
  Poco::Pipe err_pipe;
  Poco::ProcessHandle handle = Poco::Process::launch(HALL_BINARY, args, cwd.string(), nullptr,
                                                     &out_pipe, &err_pipe, childEnv());
  Poco::PipeInputStream out(out_pipe);
  Poco::PipeInputStream err(err_pipe);
  HallRun run;
  // Outputs are small, so reading one pipe to its end before the other
  // cannot fill the other's buffer.
  Poco::StreamCopier::copyToString(out, run.out);
  Poco::StreamCopier::copyToString(err, run.err);
  run.exit_code = handle.wait();
  return run;
}

fs::path fixture(const std::string& name) {
  return fs::path(HALL_SOURCE_DIR) / "tests" / "fixtures" / "api" / name;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> result;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) result.push_back(line);
  return result;
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "hall-cli-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TEST(HallCli, HelpListsTheVerbs) {
  const HallRun run = hall({"--help"});
  EXPECT_EQ(run.exit_code, 0);
  for (const char* verb : {"lint", "deploy", "serve"}) {
    EXPECT_NE(run.out.find(verb), std::string::npos) << verb;
  }
}

TEST(HallCli, NoVerbOrAnUnknownOneIsAUsageError) {
  EXPECT_EQ(hall({}).exit_code, 2);
  const HallRun run = hall({"frobnicate"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("unknown command frobnicate"), std::string::npos) << run.err;
}

TEST(HallLint, CleanModelExitsZeroWithNoErrors) {
  const HallRun run = hall({"lint", fixture("approval.bpmn").string()});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(run.out.find(": error:"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("1 file, 0 errors"), std::string::npos) << run.err;
}

TEST(HallLint, BrokenModelExitsOneWithFileLineColumnLines) {
  const std::string file = fixture("broken.bpmn").string();
  const HallRun run = hall({"lint", file});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const std::vector<std::string> found = lines(run.out);
  ASSERT_FALSE(found.empty()) << run.err;
  const std::regex format(R"(^(.+):(\d+):(\d+): (error|warning): (.+)$)");
  bool names_line_10 = false;
  for (const std::string& line : found) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(line, m, format)) << line;
    EXPECT_EQ(m[1].str(), file);
    if (m[4].str() == "error" && m[2].str() == "10") names_line_10 = true;
  }
  EXPECT_TRUE(names_line_10) << run.out;
}

TEST(HallLint, FoldersAreSearchedRecursivelyForModelsOnly) {
  TempDir dir;
  fs::create_directories(dir.path() / "a");
  fs::create_directories(dir.path() / "b" / "c");
  fs::copy_file(fixture("approval.bpmn"), dir.path() / "a" / "approval.bpmn");
  fs::copy_file(fixture("broken.bpmn"), dir.path() / "b" / "c" / "broken.bpmn");
  std::ofstream(dir.path() / "b" / "notes.txt") << "<not a model";

  const HallRun run = hall({"lint", dir.path().string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find((dir.path() / "b" / "c" / "broken.bpmn").string() + ":10:"),
            std::string::npos)
      << run.out;
  EXPECT_EQ(run.out.find("notes.txt"), std::string::npos);
  EXPECT_NE(run.err.find("2 files"), std::string::npos) << run.err;

  fs::remove(dir.path() / "b" / "c" / "broken.bpmn");
  EXPECT_EQ(hall({"lint", dir.path().string()}).exit_code, 0);
}

TEST(HallLint, TheHallLayoutIsCheckedAndDeployLeavesItToTheHall) {
  const fs::path model = fs::path(HALL_SOURCE_DIR) / "models" / "hall" / "changning.xml";
  EXPECT_EQ(hall({"lint", model.string()}).exit_code, 0);
  TempDir dir;
  std::ifstream in(model);
  std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string good = "<serves queue=\"commerce\"/>";
  const size_t at = xml.find(good);
  ASSERT_NE(at, std::string::npos);
  xml.replace(at, good.size(), "<serves queue=\"comerce\"/>");
  const fs::path broken = dir.path() / "changning.xml";
  std::ofstream(broken) << xml;
  const HallRun run = hall({"lint", broken.string()});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  const size_t line = static_cast<size_t>(std::count(xml.begin(), xml.begin() + at, '\n')) + 1;
  EXPECT_NE(run.out.find(broken.string() + ":" + std::to_string(line) + ":"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("serves names unknown queue 'comerce'"), std::string::npos) << run.out;

  const std::string db = "sqlite:" + (dir.path() / "hall.db").string();
  const HallRun deployed = hall({"deploy", model.string(), "--db", db});
  EXPECT_EQ(deployed.exit_code, 0) << deployed.err;
  EXPECT_NE(deployed.out.find("hall changning, 65 windows, 8 queues (checked)"), std::string::npos)
      << deployed.out;
  EXPECT_NE(hall({"deploy", broken.string(), "--db", db}).exit_code, 0);
}

TEST(HallLint, UsageErrorsExitTwo) {
  EXPECT_EQ(hall({"lint"}).exit_code, 2);
  EXPECT_EQ(hall({"lint", "--strict", fixture("approval.bpmn").string()}).exit_code, 2);
  const HallRun missing = hall({"lint", "/no/such/model.bpmn"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("/no/such/model.bpmn: no such file or folder"), std::string::npos)
      << missing.err;
}

TEST(HallDeploy, SecondDeployOfTheSameModelIsNotNew) {
  TempDir dir;
  const std::string db = "sqlite:" + (dir.path() / "data" / "hall.db").string();
  const std::string file = fixture("approval.bpmn").string();

  const HallRun first = hall({"deploy", file, "--db", db});
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, file + ": api_approval v1 new\n");

  const HallRun second = hall({"deploy", "--db=" + db, file});
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.out, file + ": api_approval v1 unchanged\n");
}

TEST(HallDeploy, RefusedModelExitsOneWithDiagnostics) {
  TempDir dir;
  const std::string db = "sqlite:" + (dir.path() / "hall.db").string();
  const std::string file = fixture("broken.bpmn").string();
  const HallRun run = hall({"deploy", file, "--db", db});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(run.out.empty()) << run.out;
  EXPECT_NE(run.err.find(file + ":10:"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("not deployed"), std::string::npos) << run.err;
}

TEST(HallDeploy, UsageErrorsExitTwo) {
  EXPECT_EQ(hall({"deploy"}).exit_code, 2);
  EXPECT_EQ(hall({"deploy", fixture("approval.bpmn").string(), "--db"}).exit_code, 2);
  EXPECT_EQ(hall({"deploy", "/no/such/folder"}).exit_code, 2);
}

int httpGet(uint16_t port, const std::string& path, const std::string& token, std::string* body) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  Poco::Net::HTTPRequest request("GET", path, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!token.empty()) request.set("Authorization", "Bearer " + token);
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  Poco::StreamCopier::copyToString(in, *body);
  return static_cast<int>(response.getStatus());
}

TEST(HallDecide, PrintsTheResultOfTheDecision) {
  const HallRun run = hall({"decide", fixture("fee.dmn").string(), "--decision", "fee", "--vars",
                            R"({"applicantType": "company"})"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "100\n");
}

TEST(HallDecide, UnknownDecisionExitsOneAndBadArgumentsExitTwo) {
  const HallRun unknown = hall({"decide", fixture("fee.dmn").string(), "--decision", "tax"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("tax"), std::string::npos) << unknown.err;
  EXPECT_EQ(
      hall({"decide", fixture("fee.dmn").string(), "--decision", "fee", "--vars", "[1]"}).exit_code,
      2);
  EXPECT_EQ(hall({"decide", fixture("fee.dmn").string()}).exit_code, 2);
  EXPECT_EQ(hall({"decide", "/no/such.dmn", "--decision", "fee"}).exit_code, 2);
}

TEST(HallLint, DmnFilesAreLintedToo) {
  TempDir dir;
  fs::copy_file(fixture("fee.dmn"), dir.path() / "fee.dmn");
  EXPECT_EQ(hall({"lint", dir.path().string()}).exit_code, 0);
  std::ifstream in(fixture("fee.dmn"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text.replace(text.find("UNIQUE"), 6, "SOMETIMES");
  std::ofstream(dir.path() / "fee.dmn", std::ios::trunc) << text;
  const HallRun broken = hall({"lint", dir.path().string()});
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.out.find("fee.dmn:"), std::string::npos) << broken.out;
}

TEST(HallServe, SimulatedTrafficNeedsTheDemoHall) {
  const HallRun run = hall({"serve", "--simulate"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--simulate runs only with --demo"), std::string::npos) << run.err;
}

TEST(HallServe, PlainHttpStaysOnLoopbackAndHttpsNeedsItsCertificate) {
  const HallRun open_network = hall({"serve", "--host", "0.0.0.0"});
  EXPECT_EQ(open_network.exit_code, 2);
  EXPECT_NE(open_network.err.find("plain HTTP is served on loopback only"), std::string::npos)
      << open_network.err;
  const HallRun no_cert = hall({"serve", "--https-port", "8443"});
  EXPECT_EQ(no_cert.exit_code, 2);
  EXPECT_NE(no_cert.err.find("--https-port needs --tls-cert and --tls-key"), std::string::npos)
      << no_cert.err;
  const HallRun half = hall({"serve", "--https-port", "8443", "--tls-cert", "c.pem"});
  EXPECT_EQ(half.exit_code, 2);
  EXPECT_NE(half.err.find("go together"), std::string::npos) << half.err;
}

TEST(HallServe, DeploysModelsServesWithTheTokenFileAndStopsOnSigterm) {
  TempDir dir;
  fs::create_directories(dir.path() / "models" / "nested");
  fs::copy_file(fixture("approval.bpmn"), dir.path() / "models" / "nested" / "approval.bpmn");
  const fs::path db_file = dir.path() / "db" / "hall.db";

  Poco::Pipe out_pipe;
  Poco::Pipe err_pipe;
  Poco::ProcessHandle handle =
      Poco::Process::launch(HALL_BINARY,
                            {"serve", "--db", "sqlite:" + db_file.string(), "--models",
                             (dir.path() / "models").string(), "--port", "0"},
                            dir.path().string(), nullptr, &out_pipe, &err_pipe, childEnv());
  Poco::PipeInputStream out(out_pipe);
  // A failed assertion must not leave a server running behind the test.
  struct KillOnExit {
    Poco::ProcessHandle& child;
    bool waited = false;
    ~KillOnExit() {
      if (waited) return;
      ::kill(child.id(), SIGKILL);
      try {
        child.wait();
      } catch (...) {
      }
    }
  } guard{handle};

  // The server prints its URL once it listens: reading up to that line is
  // the wait, no sleeping.
  std::string seen;
  uint16_t port = 0;
  std::string token_file;
  for (std::string line; std::getline(out, line);) {
    seen += line + "\n";
    std::smatch m;
    if (std::regex_match(line, m, std::regex(R"(admin token file: (.+))"))) token_file = m[1];
    if (std::regex_match(line, m, std::regex(R"(Hall is serving at http://127\.0\.0\.1:(\d+))"))) {
      port = static_cast<uint16_t>(std::stoi(m[1]));
    }
    if (line.rfind("Press Ctrl-C", 0) == 0) break;
  }
  ASSERT_NE(port, 0) << seen;
  EXPECT_NE(seen.find("api_approval v1 new"), std::string::npos) << seen;
  EXPECT_EQ(fs::path(token_file), fs::absolute(db_file.parent_path() / "admin.token")) << seen;

  std::ifstream token_in(token_file);
  std::string token;
  std::getline(token_in, token);
  EXPECT_EQ(token.size(), 64u);
  struct stat info {};
  ASSERT_EQ(::stat(token_file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);

  std::string body;
  EXPECT_EQ(httpGet(port, "/health", "", &body), 200);
  EXPECT_EQ(httpGet(port, "/api/v1/process-definitions", "", &body), 401);
  EXPECT_EQ(httpGet(port, "/api/v1/process-definitions", token, &body), 200);
  EXPECT_NE(body.find("\"key\":\"api_approval\""), std::string::npos) << body;

  ASSERT_EQ(::kill(handle.id(), SIGTERM), 0);
  std::string rest;
  Poco::StreamCopier::copyToString(out, rest);
  EXPECT_EQ(handle.wait(), 0);
  guard.waited = true;
  EXPECT_NE(rest.find("hall serve: stopped"), std::string::npos) << rest;
}

}  // namespace
