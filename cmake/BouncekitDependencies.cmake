# Finds every third-party library bouncekit uses; see docs/dependencies.md for why each is here.
# mimetic ships no CMake config or pkg-config file, so we make an imported target for it.
find_path(MIMETIC_INCLUDE_DIR mimetic/mimetic.h REQUIRED)
find_library(MIMETIC_LIBRARY mimetic REQUIRED)
if(NOT TARGET mimetic::mimetic)
  add_library(mimetic::mimetic UNKNOWN IMPORTED)
  set_target_properties(mimetic::mimetic PROPERTIES
    IMPORTED_LOCATION "${MIMETIC_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${MIMETIC_INCLUDE_DIR}")
endif()
find_package(Boost 1.74 CONFIG REQUIRED COMPONENTS regex)
find_package(spdlog 1.10 CONFIG REQUIRED)
find_package(ZLIB REQUIRED)
find_package(Iconv REQUIRED)
find_package(nlohmann_json 3.10 CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
# The history database (lib/src/history): SQLite's C API, CMake's own FindSQLite3 module.
find_package(SQLite3 REQUIRED)
# Message fingerprints: xxHash used header-only (XXH_INLINE_ALL), so only its header is needed.
# The PostgreSQL history back end (lib/src/history/postgresql.cpp): libpq's C API, found through
# the pkg-config file of Debian's libpq-dev.
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
find_path(XXHASH_INCLUDE_DIR xxhash.h REQUIRED)
find_package(TBB CONFIG REQUIRED COMPONENTS tbb)
# Recipient domains in one form (lib/src/analysis/domain_key.cpp): GNU libidn2, IDNA2008 + UTS #46.
# Debian's libidn2-dev ships a pkg-config file but no CMake config: an imported target by hand.
find_path(IDN2_INCLUDE_DIR idn2.h REQUIRED)
find_library(IDN2_LIBRARY idn2 REQUIRED)
if(NOT TARGET libidn2::libidn2)
  add_library(libidn2::libidn2 UNKNOWN IMPORTED)
  set_target_properties(libidn2::libidn2 PROPERTIES
    IMPORTED_LOCATION "${IDN2_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${IDN2_INCLUDE_DIR}")
endif()
# The program's allocator (apps/ only, never the library): mimalloc's shared library replaces
# malloc and new for the whole process when linked.
if(BOUNCEKIT_MIMALLOC)
  find_package(mimalloc 2.0 CONFIG REQUIRED)
endif()
