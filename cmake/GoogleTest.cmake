# GoogleTest: an installed copy first (Debian/Ubuntu libgtest-dev, Homebrew,
# vcpkg), a pinned release downloaded at configure time otherwise.
if(NOT MLP_BUILD_TESTS)
    return()
endif()

find_package(GTest 1.10 CONFIG QUIET)
if(GTest_FOUND)
    message(STATUS "GoogleTest: using the installed ${GTest_VERSION} (${GTest_DIR})")
else()
    message(STATUS "GoogleTest: none installed, downloading release 1.14.0")
    include(FetchContent)
    FetchContent_Declare(googletest
        URL https://github.com/google/googletest/archive/refs/tags/v1.14.0.tar.gz
        URL_HASH SHA256=8ad598c73ad796e0d8280b082cebd82a630d73e73cd3c70057938a6501bba5d7)
    set(gtest_force_shared_crt ON CACHE BOOL "Visual Studio: use the same C runtime as the project" FORCE)
    set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
    set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
    FetchContent_MakeAvailable(googletest)
endif()

include(GoogleTest)
enable_testing()
