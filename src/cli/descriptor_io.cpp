#include "descriptor_io.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>

namespace bpv::cli {
namespace {

bool would_block(int e) noexcept { return e == EAGAIN || e == EWOULDBLOCK; }

// Waits until `fd` is ready for `events`; false when poll itself fails. A hang-up or an error
// on the descriptor also ends the wait: the next read or write then says what it is.
bool wait_for(int fd, short events) noexcept {
  pollfd p{fd, events, 0};
  for (;;) {
    int const n = ::poll(&p, 1, -1);
    if (n > 0) return true;
    if (n < 0 && errno != EINTR) return false;
  }
}

}  // namespace

long read_some(int fd, char* to, std::size_t size) noexcept {
  for (;;) {
    ssize_t const n = ::read(fd, to, size);
    if (n >= 0) return static_cast<long>(n);
    if (errno == EINTR) continue;
    if (!would_block(errno) || !wait_for(fd, POLLIN)) return -1;
  }
}

bool write_all(int fd, const char* from, std::size_t size) noexcept {
  while (size > 0) {
    ssize_t const n = ::write(fd, from, size);
    if (n > 0) {
      from += n;
      size -= static_cast<std::size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && would_block(errno)) {
      if (!wait_for(fd, POLLOUT)) return false;
    } else {
      if (n == 0) errno = EIO;  // (write(2) of a nonzero size does not return 0)
      return false;
    }
  }
  return true;
}

bool descriptor_buffer::drain() noexcept {
  std::size_t const held = static_cast<std::size_t>(pptr() - pbase());
  setp(buf_, buf_ + sizeof buf_);
  if (failed_) return false;
  if (held > 0 && !write_all(fd_, buf_, held)) failed_ = true;
  return !failed_;
}

descriptor_buffer::int_type descriptor_buffer::overflow(int_type c) {
  if (!drain()) return traits_type::eof();
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  *pptr() = traits_type::to_char_type(c);
  pbump(1);
  return c;
}

std::streamsize descriptor_buffer::xsputn(const char* s, std::streamsize n) {
  std::size_t const size = static_cast<std::size_t>(n);
  // Larger than the room left: what is held goes first; then this is held too, or, as large as
  // the buffer, written straight from the caller.
  if (size > static_cast<std::size_t>(epptr() - pptr()) && !drain()) return 0;
  if (size < sizeof buf_) {
    traits_type::copy(pptr(), s, size);
    pbump(static_cast<int>(n));
  } else if (!write_all(fd_, s, size)) {
    failed_ = true;
    return 0;
  }
  return n;
}

int descriptor_buffer::sync() { return drain() ? 0 : -1; }

}  // namespace bpv::cli
