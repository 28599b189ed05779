#pragma once
/// A binary cache of loaded knowledge, so a large knowledge base loads in
/// milliseconds when its files have not changed. The TOML files stay the
/// source of truth: the cache is keyed by every file's path, size and
/// modification time, and any mismatch, corruption or version change means
/// a normal load (which then rewrites the cache).

#include <diagdesk/engine/knowledge.hpp>

#include <filesystem>

namespace diagdesk::engine {

/// How a cached load went.
enum class CacheUse { hit, miss, disabled };

/// Like load_knowledge(paths), through the cache file `cache` (empty: no cache).
/// `use` tells whether the cache answered. Never fails because of the cache.
LoadResult load_knowledge_cached(const std::vector<std::filesystem::path>& paths,
                                 const std::filesystem::path& cache, CacheUse* use = nullptr);

}  // namespace diagdesk::engine
