#include "base/crypto.h"

#include <sodium.h>

namespace webcare::base {
namespace {

// sodium_init() is idempotent and thread-safe; it picks the fastest implementations for this
// CPU. The HMAC functions work without it, but the library asks for it before any use.
[[maybe_unused]] const bool kSodiumReady = [] { return sodium_init() >= 0; }();

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  // The streaming interface accepts keys of any length (longer than the block size they are
  // hashed first, as HMAC prescribes); crypto_auth_hmacsha256() wants exactly 32 bytes.
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, Bytes(key), key.size());
  crypto_auth_hmacsha256_update(&state, Bytes(message), message.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  sodium_memzero(&state, sizeof state);

  char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return std::string(hex, crypto_auth_hmacsha256_BYTES * 2);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  // Lengths are public (a hex signature always has 64 digits); only the contents are secret.
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string RandomUrlToken(size_t bytes) {
  std::string random(bytes, '\0');
  randombytes_buf(random.data(), random.size());
  // sodium_base64_ENCODED_LEN counts the terminating NUL.
  std::string encoded(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), Bytes(random), random.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  encoded.resize(encoded.size() - 1);
  sodium_memzero(random.data(), random.size());
  return encoded;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, Bytes(data), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

}  // namespace webcare::base
