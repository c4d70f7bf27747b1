#include "server/signing_key_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tf::server {
namespace {

std::string PublicPathFor(const std::string& key_file) {
  const std::filesystem::path p(key_file);
  return (p.parent_path() / (p.stem().string() + ".pub")).string();
}

// Creates `path` with mode 0600 and writes `text`; fails if it already exists (O_EXCL), so two
// processes starting on one directory never overwrite each other's key.
Status WriteSecret(const std::string& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("cannot create " + path + ": " + std::strerror(errno));
  const ssize_t n = ::write(fd, text.data(), text.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (n != static_cast<ssize_t>(text.size()) || !synced) return IoError("cannot write " + path);
  return Status::Ok();
}

Status WritePublic(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return IoError("cannot write " + path);
  return Status::Ok();
}

}  // namespace

Result<SigningKeyFiles> LoadOrCreateSigningKey(const std::string& key_file,
                                               const std::string& key_name, RandomSource& random) {
  std::error_code ec;
  const std::filesystem::path dir = std::filesystem::path(key_file).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  if (ec) return IoError("cannot create " + dir.string() + ": " + ec.message());
  bool created = false;
  std::string text;
  if (std::filesystem::exists(key_file, ec)) {
    std::ifstream in(key_file, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    if (!in) return IoError("cannot read " + key_file);
    text = buf.str();
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
      text.pop_back();
  } else {
    TF_ASSIGN_OR_RETURN(ledger::NoteSigner fresh, ledger::NoteSigner::Generate(key_name, random));
    text = fresh.ToText();
    TF_RETURN_IF_ERROR(WriteSecret(key_file, text + "\n"));
    created = true;
  }
  Result<ledger::NoteSigner> signer = ledger::NoteSigner::Parse(text);
  if (!signer.ok()) return signer.status().WithContext(key_file);
  const std::string pub = PublicPathFor(key_file);
  TF_RETURN_IF_ERROR(WritePublic(pub, signer->verifier().ToText() + "\n"));
  return SigningKeyFiles{std::move(signer).value(), key_file, pub, created};
}

}  // namespace tf::server
