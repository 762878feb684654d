#include "portal/web/api_request.h"

#include <gtest/gtest.h>

namespace portal::web {
namespace {

TEST(ApiRequest, EmptyBodyIsAnEmptyObject) {
  ApiRequest request;
  request.body = " \r\n";
  const wf::Result<wf::Value> body = request.jsonBody();
  ASSERT_TRUE(body.ok());
  EXPECT_TRUE(body->isObject());
  EXPECT_TRUE(body->asObject().empty());
}

TEST(ApiRequest, BadJsonNamesTheOffset) {
  ApiRequest request;
  request.body = R"({"variables" {}})";
  const wf::Result<wf::Value> body = request.jsonBody();
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_NE(body.status().message().find("offset"), std::string::npos) << body.status().message();
  ASSERT_NE(body.status().details().find("field"), nullptr);
  EXPECT_EQ(body.status().details().find("field")->asString(), "body");
}

TEST(ApiRequest, NonObjectBodyIsRefused) {
  ApiRequest request;
  request.body = "[1,2]";
  const wf::Result<wf::Value> body = request.jsonBody();
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.status().code(), wf::StatusCode::InvalidArgument);
  EXPECT_NE(body.status().message().find("expected a JSON object"), std::string::npos);
}

TEST(ApiRequest, QueryParamTakesTheLastValue) {
  ApiRequest request;
  request.query = {{"state", "pending"}, {"state", "failed"}, {"other", "x"}};
  EXPECT_EQ(request.queryParam("state"), "failed");
  EXPECT_EQ(request.queryParam("missing"), std::nullopt);
}

TEST(OptionalMember, NamesTheFieldOfTheWrongKind) {
  const wf::Value body(wf::Object{{"variables", wf::Value(wf::Array{})}});
  const auto member = optionalMember(body, "variables", wf::ValueKind::Object);
  ASSERT_FALSE(member.ok());
  EXPECT_EQ(member.status().message().rfind("variables: ", 0), 0u) << member.status().message();
  EXPECT_EQ(member.status().details().find("field")->asString(), "variables");
}

TEST(OptionalMember, AbsentAndNullAreNone) {
  const wf::Value body(wf::Object{{"businessKey", wf::Value()}});
  const auto null_member = optionalMember(body, "businessKey", wf::ValueKind::String);
  ASSERT_TRUE(null_member.ok());
  EXPECT_FALSE(null_member->has_value());
  const auto absent = optionalMember(body, "variables", wf::ValueKind::Object);
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());
}

TEST(ApiResponse, ErrorHasCodeMessageAndDetails) {
  const ApiResponse response = ApiResponse::error(wf::Status::conflict("task is completed"));
  EXPECT_EQ(response.status, 409);
  ASSERT_TRUE(response.json.has_value());
  const wf::Value* error = response.json->find("error");
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(error->find("code")->asString(), "CONFLICT");
  EXPECT_EQ(error->find("message")->asString(), "task is completed");
  EXPECT_TRUE(error->find("details")->isObject());
}

TEST(HttpStatusFor, MapsEveryCode) {
  const std::pair<wf::StatusCode, int> table[] = {
      {wf::StatusCode::InvalidArgument, 400},  {wf::StatusCode::NotFound, 404},
      {wf::StatusCode::Conflict, 409},         {wf::StatusCode::Unauthenticated, 401},
      {wf::StatusCode::PermissionDenied, 403}, {wf::StatusCode::Unavailable, 503},
      {wf::StatusCode::Internal, 500},
  };
  for (const auto& [code, http] : table) {
    EXPECT_EQ(httpStatusFor(code), http) << wireCodeFor(code);
  }
}

}  // namespace
}  // namespace portal::web
