# GoogleTest, for the chapter suites. In this order:
#
#   1. an installed copy (Debian/Ubuntu libgtest-dev, Homebrew, vcpkg);
#   2. a source folder named by FETCHCONTENT_SOURCE_DIR_GOOGLETEST (Debian's
#      googletest package puts one in /usr/src/googletest), built with the
#      project;
#   3. release 1.14.0, downloaded once into the build folder and built with
#      the project. MLP_GOOGLETEST_URL may name a mirror of that archive.
#
# When none of these can be had, configuring stops at once and says what to
# do: install GoogleTest, or build without the tests (-DMLP_BUILD_TESTS=OFF),
# which still builds every program.
if(NOT MLP_BUILD_TESTS)
    return()
endif()

find_package(GTest 1.10 CONFIG QUIET)
if(GTest_FOUND)
    message(STATUS "GoogleTest: using the installed ${GTest_VERSION} (${GTest_DIR})")
    include(GoogleTest)
    enable_testing()
    return()
endif()

set(MLP_GOOGLETEST_URL "https://github.com/google/googletest/archive/refs/tags/v1.14.0.tar.gz"
    CACHE STRING "Where to download GoogleTest 1.14.0 from when none is installed")
set(mlp_gtest_sha256 "8ad598c73ad796e0d8280b082cebd82a630d73e73cd3c70057938a6501bba5d7")

# mlp_googletest_unavailable(<text>...): stops configuring, saying what went
# wrong (the arguments joined, so no semicolons in them) and the two ways
# forward.
function(mlp_googletest_unavailable)
    list(JOIN ARGV "" problem)
    message(FATAL_ERROR
        "GoogleTest: ${problem}\n"
        "The chapter tests need GoogleTest 1.10 or newer. Either install it and "
        "configure again:\n"
        "  Debian/Ubuntu:  sudo apt-get install libgtest-dev\n"
        "  macOS:          brew install googletest\n"
        "  Windows:        vcpkg install gtest, then add "
        "-DCMAKE_TOOLCHAIN_FILE=<vcpkg>/scripts/buildsystems/vcpkg.cmake\n"
        "  any system:     -DFETCHCONTENT_SOURCE_DIR_GOOGLETEST=<a GoogleTest source folder>\n"
        "or build every program without the tests:\n"
        "  cmake --preset dev -DMLP_BUILD_TESTS=OFF\n"
        "  (without presets: cmake -S . -B build/dev -DMLP_BUILD_TESTS=OFF)")
endfunction()

# Extracted files get the time of extraction (CMake 3.24 and newer ask; the
# older ones do not know the policy and never warn about it).
if(POLICY CMP0135)
    cmake_policy(SET CMP0135 NEW)
endif()

if(FETCHCONTENT_SOURCE_DIR_GOOGLETEST)
    set(mlp_gtest_source "${FETCHCONTENT_SOURCE_DIR_GOOGLETEST}")
    if(NOT EXISTS "${mlp_gtest_source}/CMakeLists.txt")
        mlp_googletest_unavailable(
            "FETCHCONTENT_SOURCE_DIR_GOOGLETEST is '${mlp_gtest_source}', which has no "
            "CMakeLists.txt, so it is not GoogleTest's source folder (Debian's googletest "
            "package installs one as /usr/src/googletest).")
    endif()
    # GoogleTest's top CMakeLists.txt says set(GOOGLETEST_VERSION x.y.z).
    file(STRINGS "${mlp_gtest_source}/CMakeLists.txt" mlp_gtest_version_line
         REGEX "^ *set\\(GOOGLETEST_VERSION ")
    string(REGEX MATCH "[0-9]+(\\.[0-9]+)+" mlp_gtest_version "${mlp_gtest_version_line}")
    if(NOT mlp_gtest_version)
        mlp_googletest_unavailable(
            "FETCHCONTENT_SOURCE_DIR_GOOGLETEST is '${mlp_gtest_source}', whose "
            "CMakeLists.txt sets no GOOGLETEST_VERSION: that is not GoogleTest's source folder.")
    endif()
    if(mlp_gtest_version VERSION_LESS 1.10)
        mlp_googletest_unavailable(
            "FETCHCONTENT_SOURCE_DIR_GOOGLETEST is '${mlp_gtest_source}', which holds "
            "GoogleTest ${mlp_gtest_version}, but the tests need 1.10 or newer.")
    endif()
    message(STATUS "GoogleTest: no installed copy found; building ${mlp_gtest_version} from "
                   "the local source ${mlp_gtest_source} (FETCHCONTENT_SOURCE_DIR_GOOGLETEST)")
    # FetchContent uses the folder and never the URL below.
    set(mlp_gtest_archive "${MLP_GOOGLETEST_URL}")
else()
    set(mlp_gtest_archive "${CMAKE_BINARY_DIR}/_deps/googletest-1.14.0.tar.gz")
    if(EXISTS "${mlp_gtest_archive}")
        file(SHA256 "${mlp_gtest_archive}" mlp_gtest_digest)
        if(NOT mlp_gtest_digest STREQUAL mlp_gtest_sha256)
            file(REMOVE "${mlp_gtest_archive}")
        endif()
    endif()
    if(EXISTS "${mlp_gtest_archive}")
        message(STATUS "GoogleTest: no installed copy found; building release 1.14.0, "
                       "downloaded before (${mlp_gtest_archive})")
    else()
        message(STATUS "GoogleTest: no installed copy found; downloading release 1.14.0 from "
                       "${MLP_GOOGLETEST_URL}")
        # One try of 10 seconds: an unreachable host, a refused connection or
        # a name that does not resolve fails here at once, with no retries.
        # Only a server that answers but sends slowly gets a longer try.
        set(mlp_gtest_partial "${mlp_gtest_archive}.part")
        file(DOWNLOAD "${MLP_GOOGLETEST_URL}" "${mlp_gtest_partial}" TIMEOUT 10
             STATUS mlp_gtest_status LOG mlp_gtest_log)
        list(GET mlp_gtest_status 0 mlp_gtest_code)
        if(mlp_gtest_code EQUAL 28 AND mlp_gtest_log MATCHES "HTTP/[0-9.]+ 2[0-9][0-9]")
            message(STATUS "GoogleTest: the download is slow; trying for up to 10 minutes")
            file(DOWNLOAD "${MLP_GOOGLETEST_URL}" "${mlp_gtest_partial}"
                 TIMEOUT 600 INACTIVITY_TIMEOUT 60 STATUS mlp_gtest_status LOG mlp_gtest_log)
            list(GET mlp_gtest_status 0 mlp_gtest_code)
        endif()
        if(NOT mlp_gtest_code EQUAL 0)
            list(GET mlp_gtest_status 1 mlp_gtest_reason)
            string(REPLACE "\"" "" mlp_gtest_reason "${mlp_gtest_reason}")
            file(REMOVE "${mlp_gtest_partial}")
            mlp_googletest_unavailable(
                "no installed copy was found, and downloading ${MLP_GOOGLETEST_URL} failed: "
                "${mlp_gtest_reason} (curl error ${mlp_gtest_code}). Is this machine offline, "
                "or behind a proxy? (The download reads the https_proxy environment variable.)")
        endif()
        file(SHA256 "${mlp_gtest_partial}" mlp_gtest_digest)
        if(NOT mlp_gtest_digest STREQUAL mlp_gtest_sha256)
            file(REMOVE "${mlp_gtest_partial}")
            mlp_googletest_unavailable(
                "the file downloaded from ${MLP_GOOGLETEST_URL} is not GoogleTest release "
                "1.14.0 (its SHA-256 is ${mlp_gtest_digest}, release 1.14.0's is "
                "${mlp_gtest_sha256}).")
        endif()
        file(RENAME "${mlp_gtest_partial}" "${mlp_gtest_archive}")
    endif()
endif()

include(FetchContent)
FetchContent_Declare(googletest URL "${mlp_gtest_archive}" URL_HASH SHA256=${mlp_gtest_sha256})
set(gtest_force_shared_crt ON CACHE BOOL "Visual Studio: use the same C runtime as the project" FORCE)
set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
FetchContent_MakeAvailable(googletest)

include(GoogleTest)
enable_testing()
