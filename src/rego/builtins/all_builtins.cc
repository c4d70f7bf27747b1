#include "rego/builtins/families.h"

namespace tf::rego::builtins {

std::vector<BuiltinDecl> AllBuiltins() {
  std::vector<BuiltinDecl> all;
  for (auto family : {ComparisonBuiltins, ArithmeticBuiltins, SetBuiltins, InternalBuiltins,
                      GraphReachableBuiltins, JsonSchemaBuiltins}) {
    for (BuiltinDecl& d : family())
      all.push_back(std::move(d));
  }
  for (BuiltinDecl& d : TimeBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : GraphQlBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : CryptoKeyBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : CryptoX509Builtins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : ProvidersAwsBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : JwtBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : RandBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : UuidBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : CryptoBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : NetBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : AggregateBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : ArrayBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : BitsBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : CastBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : NumberBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : SemVerBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : StringBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : StringTrimBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : TypeBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : UnitBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : StringFormatBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : ObjectBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : JsonPathBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : JsonPatchBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : WalkBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : EncodingBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : UrlQueryBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : JsonCodecBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : YamlBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : RegexBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : RegexGlobsBuiltins())
    all.push_back(std::move(d));
  for (BuiltinDecl& d : GlobBuiltins())
    all.push_back(std::move(d));
  return all;
}

}  // namespace tf::rego::builtins
