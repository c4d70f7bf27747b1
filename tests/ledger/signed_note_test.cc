// C2SP signed-note with Ed25519: the known answers of ../shared/vectors/signed-note and the
// parsing and verification rules of the spec.
#include "ledger/signed_note.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/encoding.h"
#include "core/json.h"
#include "core/random.h"

namespace tf::ledger {
namespace {

namespace fs = std::filesystem;

Result<Value> LoadVectors() {
  std::ifstream in(fs::path(TF_SHARED_DIR) / "vectors" / "signed-note" / "vectors.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseJson(ss.str());
}

bool HaveVectors() {
  return fs::exists(fs::path(TF_SHARED_DIR) / "vectors" / "signed-note" / "vectors.json");
}

TEST(SignedNoteTest, KnownAnswerVerifyVectorsVerify) {
  if (!HaveVectors()) GTEST_SKIP() << "no signed-note vectors";
  Result<Value> doc = LoadVectors();
  ASSERT_TRUE(doc.ok());
  const Value* cases = doc->Find("verify");
  ASSERT_NE(cases, nullptr);
  ASSERT_GT(cases->size(), 0u);
  for (const Value& c : cases->array()) {
    Result<NoteVerifier> v = NoteVerifier::Parse(c.Find("verifier_key")->string());
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    EXPECT_EQ(HexEncode(std::string_view(std::string{
                  static_cast<char>(v->key_id() >> 24), static_cast<char>(v->key_id() >> 16),
                  static_cast<char>(v->key_id() >> 8), static_cast<char>(v->key_id())})),
              c.Find("want_key_id_hex")->string());
    EXPECT_EQ(v->ToText(), c.Find("verifier_key")->string());
    const std::string& text = c.Find("text")->string();
    std::string note =
        text + "\n\u2014 " + v->name() + " " + c.Find("signature_b64")->string() + "\n";
    Result<std::string> opened = OpenNote(note, *v);
    EXPECT_EQ(opened.ok(), c.Find("want_valid")->bool_value()) << opened.status().ToString();
    if (opened.ok()) EXPECT_EQ(*opened, text);
  }
}

TEST(SignedNoteTest, KnownAnswerSignVectorsProduceTheExpectedSignatureLine) {
  if (!HaveVectors()) GTEST_SKIP() << "no signed-note vectors";
  Result<Value> doc = LoadVectors();
  ASSERT_TRUE(doc.ok());
  for (const Value& c : doc->Find("sign")->array()) {
    Result<std::string> raw = Base64Decode(c.Find("private_key_b64")->string());
    ASSERT_TRUE(raw.ok());
    ASSERT_EQ(raw->size(), 33u);
    ASSERT_EQ((*raw)[0], 1);
    Result<NoteSigner> signer =
        NoteSigner::FromSeed(c.Find("name")->string(), AsBytes(raw->substr(1)));
    ASSERT_TRUE(signer.ok()) << signer.status().ToString();
    const std::string& text = c.Find("text")->string();
    EXPECT_EQ(signer->SignatureLine(text), c.Find("want_signature_line")->string());
    // The signer's own text form round-trips and its note opens with its verifier.
    Result<NoteSigner> again = NoteSigner::Parse(signer->ToText());
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(again->verifier().ToText(), signer->verifier().ToText());
    Result<std::string> note = SignNote(text, *signer);
    ASSERT_TRUE(note.ok());
    EXPECT_EQ(*OpenNote(*note, signer->verifier()), text);
  }
}

class NoteRulesTest : public ::testing::Test {
 protected:
  NoteRulesTest()
      : random_(42),
        signer_(*NoteSigner::Generate("example.com/log", random_)),
        other_(*NoteSigner::Generate("example.com/witness", random_)) {}
  SeededRandom random_;
  NoteSigner signer_;
  NoteSigner other_;
};

TEST_F(NoteRulesTest, SignatureOfAnotherKeyIsIgnoredButOursMustBePresent) {
  std::string text = "hello\nworld\n";
  std::string both = text + "\n" + other_.SignatureLine(text) + signer_.SignatureLine(text);
  EXPECT_TRUE(OpenNote(both, signer_.verifier()).ok());
  std::string only_other = text + "\n" + other_.SignatureLine(text);
  Result<std::string> r = OpenNote(only_other, signer_.verifier());
  EXPECT_EQ(r.status().code(), ErrorCode::kSignatureInvalid);
}

TEST_F(NoteRulesTest, ChangedTextOrSignatureFailsVerification) {
  std::string note = *SignNote("a\nb\n", signer_);
  std::string changed = note;
  changed[0] = 'c';
  EXPECT_EQ(OpenNote(changed, signer_.verifier()).status().code(), ErrorCode::kSignatureInvalid);
  // Flip a bit inside the base64 signature (after the key id).
  std::string sig_changed = note;
  size_t pos = sig_changed.size() - 10;
  sig_changed[pos] = sig_changed[pos] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(OpenNote(sig_changed, signer_.verifier()).ok());
}

TEST_F(NoteRulesTest, SameNameWithAnotherKeyIdIsNotOurSignature) {
  SeededRandom r2(7);
  NoteSigner impostor = *NoteSigner::Generate("example.com/log", r2);
  std::string text = "x\n";
  EXPECT_EQ(
      OpenNote(text + "\n" + impostor.SignatureLine(text), signer_.verifier()).status().code(),
      ErrorCode::kSignatureInvalid);
}

TEST_F(NoteRulesTest, MalformedNotesAreRejectedWithReasons) {
  const std::string line = signer_.SignatureLine("a\n");
  const std::string bad[] = {
      "",                                         // empty
      "a\n" + line,                               // no blank line
      "a\n\n",                                    // no signatures
      "a\n\n" + line.substr(0, line.size() - 1),  // no final newline
      "a\r\n\n" + line,                           // control character
      "a\n\n- example.com/log AAAA\n",            // not an em dash
      "a\n\n\u2014 example.com/log !!!!\n",       // not base64
      "a\n\n\u2014 example.com/log AAAA\n",       // too short for a key id and signature
      "a\xff\n\n" + line,                         // invalid UTF-8
  };
  for (const std::string& note : bad) {
    Result<Note> r = ParseNote(note);
    EXPECT_FALSE(r.ok()) << note;
    if (!r.ok()) EXPECT_EQ(r.status().code(), ErrorCode::kNoteMalformed) << note;
  }
}

TEST_F(NoteRulesTest, TextMayContainBlankLinesBeforeTheLastOne) {
  std::string text = "a\n\nb\n";
  Result<std::string> note = SignNote(text, signer_);
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(*OpenNote(*note, signer_.verifier()), text);
}

TEST_F(NoteRulesTest, TooManySignaturesAreRefused) {
  std::string note = "a\n\n";
  for (size_t i = 0; i <= kMaxNoteSignatures; ++i)
    note += other_.SignatureLine("a\n");
  EXPECT_EQ(ParseNote(note).status().code(), ErrorCode::kNoteMalformed);
}

TEST(NoteKeyTest, KeyNamesFollowTheSpec) {
  EXPECT_TRUE(ValidateKeyName("example.com/log42").ok());
  EXPECT_FALSE(ValidateKeyName("").ok());
  EXPECT_FALSE(ValidateKeyName("a b").ok());
  EXPECT_FALSE(ValidateKeyName("a+b").ok());
  EXPECT_FALSE(ValidateKeyName("a\u00a0b").ok());
  EXPECT_FALSE(ValidateKeyName("a\nb").ok());
}

TEST(NoteKeyTest, KeyTextWithWrongIdOrTypeIsRejected) {
  SeededRandom random(1);
  NoteSigner s = *NoteSigner::Generate("k", random);
  std::string text = s.verifier().ToText();
  EXPECT_TRUE(NoteVerifier::Parse(text).ok());
  std::string wrong_id = text;
  wrong_id[2] = wrong_id[2] == '0' ? '1' : '0';
  EXPECT_EQ(NoteVerifier::Parse(wrong_id).status().code(), ErrorCode::kNoteMalformed);
  EXPECT_FALSE(NoteVerifier::Parse("k+00000000+AA==").ok());
  EXPECT_FALSE(NoteSigner::Parse(text).ok());  // A public key is not a signer key.
  EXPECT_FALSE(NoteSigner::Parse("PRIVATE+KEY+k+12345678+zz").ok());
}

}  // namespace
}  // namespace tf::ledger
