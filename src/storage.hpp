// What a validator keeps between requests, and how much of it. Storage is kept so that requests
// of a kind seen before allocate nothing; what an outsized body grew (up to the body limit, a
// megabyte by default, which grows the buffers tens of megabytes) is given back once an
// ordinary body follows, so that a few hostile requests cannot make every thread's validator
// hold that much for good.
#pragma once

#include <cstddef>

namespace bpv {

/// Bodies up to this size leave the storage they grew in place; the first of them after a
/// larger one brings each buffer back to about what a body of this size needs.
inline constexpr std::size_t kept_body_bytes = std::size_t{64} << 10;

/// Room for at most `keep` elements: a vector (or string) that grew beyond it is made anew,
/// its contents dropped, with room for `keep`.
template <class V>
void give_back(V& v, std::size_t keep) {
  if (v.capacity() <= keep) return;
  V().swap(v);
  v.reserve(keep);
}

/// The same for a list with one entry per level of nesting, each of which gives back its own
/// (json::member_names): the levels beyond `keep` (a depth limit raised far above the default
/// lets a body nest that deep) go, and each level left gives back what it grew.
template <class Levels>
void give_back_levels(Levels& levels, std::size_t keep) {
  if (levels.size() > keep) {
    levels.resize(keep);
    levels.shrink_to_fit();
  }
  for (auto& level : levels) level.give_back();
}

}  // namespace bpv
