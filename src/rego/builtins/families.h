// File: rego/builtins/families.h
//
// One function per OPA builtin namespace, each defined in its own file in this folder and
// returning that family's declarations. `AllBuiltins` concatenates them for the registry.
#ifndef TF_REGO_BUILTINS_FAMILIES_H_
#define TF_REGO_BUILTINS_FAMILIES_H_

#include <vector>

#include "rego/builtin.h"

namespace tf::rego::builtins {

std::vector<BuiltinDecl> ComparisonBuiltins();    // comparison.cc: == != < <= > >=
std::vector<BuiltinDecl> ArithmeticBuiltins();    // arithmetic.cc: + - * / % abs round ceil floor
std::vector<BuiltinDecl> SetBuiltins();           // sets.cc: & | intersection union
std::vector<BuiltinDecl> TimeBuiltins();          // time.cc (+ time_*.cc): time.*
std::vector<BuiltinDecl> GraphQlBuiltins();       // graphql.cc (+ graphql_*.cc): graphql.*
std::vector<BuiltinDecl> CryptoKeyBuiltins();     // crypto_x509_keys.cc: CSRs and private keys
std::vector<BuiltinDecl> CryptoX509Builtins();    // crypto_x509.cc: crypto.x509 certificates
std::vector<BuiltinDecl> ProvidersAwsBuiltins();  // providers_aws.cc: providers.aws.sign_req
std::vector<BuiltinDecl> JwtBuiltins();           // jwt.cc (+ jwt_*.cc, jws_*.cc): io.jwt.*
std::vector<BuiltinDecl> RandBuiltins();          // rand.cc: rand.intn
std::vector<BuiltinDecl> UuidBuiltins();          // uuid.cc: uuid.*
std::vector<BuiltinDecl> CryptoBuiltins();        // crypto.cc, crypto_x509.cc: crypto.*
std::vector<BuiltinDecl> NetBuiltins();           // net.cc (+ ip_*.cc): net.*

std::vector<BuiltinDecl> AggregateBuiltins();   // aggregates.cc: count sum max sort `in` ...
std::vector<BuiltinDecl> ArrayBuiltins();       // arrays.cc: array.*
std::vector<BuiltinDecl> BitsBuiltins();        // bits.cc: bits.*
std::vector<BuiltinDecl> CastBuiltins();        // casts.cc: to_number, cast_*
std::vector<BuiltinDecl> NumberBuiltins();      // numbers.cc: numbers.range, numbers.range_step
std::vector<BuiltinDecl> SemVerBuiltins();      // semver.cc: semver.*
std::vector<BuiltinDecl> StringBuiltins();      // strings.cc: concat indexof lower split ...
std::vector<BuiltinDecl> StringTrimBuiltins();  // strings_trim.cc: substring, trim*
std::vector<BuiltinDecl> TypeBuiltins();        // types.cc: is_*, type_name
std::vector<BuiltinDecl> UnitBuiltins();        // units.cc: units.*

std::vector<BuiltinDecl> InternalBuiltins();        // internal.cc: trace, opa.runtime, http.send
std::vector<BuiltinDecl> GraphReachableBuiltins();  // graph_reachable.cc: graph.reachable*
std::vector<BuiltinDecl>
JsonSchemaBuiltins();  // json_schema.cc: json.verify_schema, json.match_schema

std::vector<BuiltinDecl> StringFormatBuiltins();  // strings_format.cc: sprintf

std::vector<BuiltinDecl> ObjectBuiltins();     // objects.cc: object.*
std::vector<BuiltinDecl> JsonPathBuiltins();   // json_paths.cc: json.filter, json.remove
std::vector<BuiltinDecl> JsonPatchBuiltins();  // json_patch.cc: json.patch
std::vector<BuiltinDecl> WalkBuiltins();       // walk.cc: walk

std::vector<BuiltinDecl> EncodingBuiltins();   // encoding.cc: base64.*, base64url.*, hex.*
std::vector<BuiltinDecl> UrlQueryBuiltins();   // urlquery.cc: urlquery.*
std::vector<BuiltinDecl> JsonCodecBuiltins();  // json_codec.cc: json.marshal, json.unmarshal, ...
std::vector<BuiltinDecl> YamlBuiltins();       // yaml.cc: yaml.*

std::vector<BuiltinDecl> RegexBuiltins();       // regex.cc: regex.*, re_match
std::vector<BuiltinDecl> RegexGlobsBuiltins();  // regex_globs.cc: regex.globs_match
std::vector<BuiltinDecl> GlobBuiltins();        // glob.cc: glob.*

std::vector<BuiltinDecl> AllBuiltins();

}  // namespace tf::rego::builtins

#endif  // TF_REGO_BUILTINS_FAMILIES_H_
