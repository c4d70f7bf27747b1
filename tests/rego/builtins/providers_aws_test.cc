#include "rego/builtins/builtin_test_util.h"

namespace tf::rego::testing {
namespace {

constexpr int64_t kTime = 1451311705000000000;  // 2015-12-28T14:08:25Z

Value Config(std::string_view extra = "") {
  return J(std::string(R"({"aws_access_key": "MYAWSACCESSKEYGOESHERE",
                           "aws_secret_access_key": "MYAWSSECRETACCESSKEYGOESHERE",
                           "aws_service": "s3", "aws_region": "us-east-1")") +
           std::string(extra) + "}");
}

std::string Authorization(BuiltinHarness& h, const Value& req, const Value& config) {
  Value out = CallOk(h, "providers.aws.sign_req", {req, config, Value::Int(kTime)});
  const Value* headers = out.Find("headers");
  const Value* auth = headers ? headers->Find("Authorization") : nullptr;
  return auth && auth->is_string() ? auth->string() : "";
}

std::string Signature(BuiltinHarness& h, const Value& req, const Value& config) {
  const std::string auth = Authorization(h, req, config);
  return auth.substr(auth.find("Signature=") + 10);
}

TEST(ProvidersAwsBuiltinsTest, SignsASimpleRequest) {
  BuiltinHarness h;
  Value out =
      CallOk(h, "providers.aws.sign_req",
             {J(R"({"method": "get", "url": "http://example.com"})"), Config(), Value::Int(kTime)});
  EXPECT_EQ(out, J(R"({
    "headers": {
      "Authorization": "AWS4-HMAC-SHA256 Credential=MYAWSACCESSKEYGOESHERE/20151228/us-east-1/s3/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=0047a7016c81e5c7f29cd522f97e911e04fc472fced0aee7916cbc287ad6c8e3",
      "host": "example.com",
      "x-amz-content-sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "x-amz-date": "20151228T140825Z"},
    "method": "get",
    "url": "http://example.com"})"));
}

TEST(ProvidersAwsBuiltinsTest, SignsHeadersTokensAndBodies) {
  BuiltinHarness h;
  EXPECT_EQ(
      Signature(h,
                J(R"({"method": "get", "url": "http://example.com", "headers": {"foo": "bar"}})"),
                Config()),
      "8f1dc7c9b9978356a0d0989fd26a95307f4f8a4aa264d8220647b7097d839952");
  EXPECT_EQ(Signature(h, J(R"({"method": "get", "url": "http://example.com"})"),
                      Config(R"(, "aws_session_token": "MYAWSSECURITYTOKENGOESHERE")")),
            "23c31bda8a74630c0a94f6b82a3511e7e74728df98e6f54ed0840488dbbdc8d1");
  Value with_set_body = Value::Object(
      {{Value::String("method"), Value::String("get")},
       {Value::String("url"), Value::String("http://example.com")},
       {Value::String("body"), Value::Object({{Value::String("example"), JSet("[1, 2, 3, 4]")}})}});
  EXPECT_EQ(Signature(h, with_set_body, Config()),
            "5fb06ab1cfd74c8fcb3af95b8cce696708cf6155d971dac10f254d79799c6e88");
  EXPECT_EQ(
      Signature(
          h,
          J(R"({"method": "get", "url": "http://example.com", "raw_body": "{\"example\": {1, 2, 3, 4}}"})"),
          Config()),
      "5bf26e169cb8b02330dba39d53932532438fc856c2f10537689a09ed807c7195");
}

TEST(ProvidersAwsBuiltinsTest, PayloadSigningCanBeDisabled) {
  BuiltinHarness h;
  const Value req =
      J(R"({"method": "get", "url": "https://example.com", "headers": {"foo": "bar"}})");
  EXPECT_EQ(Signature(h, req, Config(R"(, "disable_payload_signing": true)")),
            "c6e6db654e92172f71e18c714c123711de069ac6fd7df1348e5b28fd05532028");
  EXPECT_EQ(Signature(h, req, Config(R"(, "disable_payload_signing": false)")),
            "8f1dc7c9b9978356a0d0989fd26a95307f4f8a4aa264d8220647b7097d839952");
  // A caller-supplied content hash is signed as given but replaced in the output.
  const Value existing = J(R"({"method": "get", "url": "https://example.com",
                               "headers": {"foo": "bar", "x-amz-content-sha256": "existing-value"},
                               "body": {"example": [1, 2, 3, 4]}})");
  EXPECT_EQ(Signature(h, existing, Config()),
            "42bcac7fc6d170e09be72fdf38b62e59361265bc59d5f9156f0d6faf889e98ba");
  Value out = CallOk(h, "providers.aws.sign_req", {existing, Config(), Value::Int(kTime)});
  EXPECT_EQ(*out.Find("headers")->Find("x-amz-content-sha256"),
            Value::String("bacff6243c850423883052ac3c336fd645994442933408dfd3f9e858e69bda07"));
}

TEST(ProvidersAwsBuiltinsTest, ValidationErrorsMatchOpa) {
  BuiltinHarness h;
  auto error = [&](const Value& req, const Value& config, const Value& t) {
    Result<Value> r = h.Call("providers.aws.sign_req", {req, config, t});
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), ErrorCode::kEvalTypeError);
    return r.ok() ? "" : std::string(r.status().message());
  };
  const Value ok_req = J(R"({"method": "get", "url": "http://example.com"})");
  const Value t = Value::Int(kTime);
  EXPECT_EQ(error(J("{}"), Config(), t),
            "providers.aws.sign_req: operand 1 missing required request parameters(s): "
            "{\"method\", \"url\"}");
  EXPECT_EQ(error(Value::Object({{Value::String("method"), Value::EmptySet()},
                                 {Value::String("url"), Value::EmptySet()}}),
                  Config(), t),
            "providers.aws.sign_req: operand 1 invalid values for required request parameters(s): "
            "{\"method\", \"url\"}");
  EXPECT_EQ(error(ok_req, J(R"({"example": "example"})"), t),
            "providers.aws.sign_req: operand 2 missing required AWS config parameters(s): "
            "{\"aws_access_key\", \"aws_region\", \"aws_secret_access_key\", \"aws_service\"}");
  EXPECT_EQ(
      error(
          ok_req,
          J(R"({"aws_access_key": 1, "aws_secret_access_key": 2, "aws_service": 4, "aws_region": 5})"),
          t),
      "providers.aws.sign_req: operand 2 invalid values for required AWS config parameters(s): "
      "{\"aws_access_key\", \"aws_region\", \"aws_secret_access_key\", \"aws_service\"}");
  EXPECT_EQ(
      error(ok_req, Config(), J("-1e9")),
      "providers.aws.sign_req: operand 3 could not convert time_ns value into a unix timestamp");
  EXPECT_EQ(error(ok_req, Config(R"(, "disable_payload_signing": "false")"), t),
            "providers.aws.sign_req: operand 2 invalid value for 'disable_payload_signing' in AWS "
            "config");
  EXPECT_EQ(error(J(R"({"method": "get", "url": "http://x", "bad_key": 1})"), Config(), t),
            "providers.aws.sign_req: operand 1 invalid request parameters(s): {\"bad_key\"}");
}

}  // namespace
}  // namespace tf::rego::testing
