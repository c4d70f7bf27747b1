// Fuzzes the JWT parser and verifier, the JWKS parser and the authenticator: every input is a
// compact token (verified against an Ed25519 key made in-process), a JWKS document, and a
// bearer header. Nothing may crash, and no fuzzed token may verify.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/json.h"
#include "core/random.h"
#include "server/authenticator.h"
#include "server/jwk.h"
#include "server/jwt.h"
#include "server/jwt_signer.h"
#include "server/jwt_verifier.h"

namespace {

using namespace tf;
using namespace tf::server;

JwkSet KeysOf(const JwtSigner& signer) {
  return *JwkSet::FromValue(*signer.Jwks());
}

struct Harness {
  FakeClock clock{int64_t{1'795'262'400} * 1'000'000'000};
  SeededRandom random{11};
  JwtSigner signer = *JwtSigner::GenerateEd25519("ed-1", random);
  JwkSet keys = KeysOf(signer);
  std::unique_ptr<StaticJwksProvider> provider = StaticJwksProvider::FromSet(KeysOf(signer));
  JwtRules rules{"https://idp.test/", {"trust-fabric"}, 60'000'000'000};
  std::unique_ptr<Authenticator> auth =
      std::make_unique<Authenticator>(AuthOptions{rules, "tenant", "scope", 64}, *provider, clock);
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Harness* h = new Harness();  // lives for the whole fuzzing process
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Result<ParsedJwt> jwt = ParseJwt(text);
  if (jwt.ok()) {
    if (VerifyJwtSignature(*jwt, h->keys).ok()) __builtin_trap();
    (void)VerifyJwtClaims(jwt->claims, h->rules, h->clock.NowNanos());
  }
  (void)JwkSet::Parse(text);
  const std::string header = "Bearer " + std::string(text);
  if (h->auth->Authenticate(&header).ok()) __builtin_trap();
  return 0;
}
