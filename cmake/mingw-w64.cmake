# Toolchain file: build the Windows (x86-64) programs and tests on Linux
# with MinGW-w64, to run them under wine. CI uses it to check Windows
# (tests/tools/check_windows.py); on Debian or Ubuntu:
#
#   sudo apt-get install g++-mingw-w64-x86-64-posix wine googletest
#   cmake -S . -B build/mingw -DCMAKE_TOOLCHAIN_FILE=cmake/mingw-w64.cmake \
#         -DFETCHCONTENT_SOURCE_DIR_GOOGLETEST=/usr/src/googletest
#   cmake --build build/mingw -j2
#   wine build/mingw/solution/07_final_project.exe
#
# The compilers are the POSIX-thread ones: GCC 12's win32-thread compilers
# have no std::mutex, which GoogleTest uses. Everything is linked statically, so
# the .exe files need no MinGW DLL beside them. Linux's GoogleTest cannot be
# linked into Windows programs: CMake looks for packages under the MinGW
# folder only, finds none there, and builds GoogleTest from source (see
# cmake/GoogleTest.cmake).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(MLP_MINGW_TRIPLET x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${MLP_MINGW_TRIPLET}-gcc-posix)
set(CMAKE_CXX_COMPILER ${MLP_MINGW_TRIPLET}-g++-posix)
set(CMAKE_RC_COMPILER ${MLP_MINGW_TRIPLET}-windres)

set(CMAKE_FIND_ROOT_PATH /usr/${MLP_MINGW_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")

# With wine installed, ctest runs the tests under it.
find_program(MLP_WINE NAMES wine wine64)
if(MLP_WINE)
    set(CMAKE_CROSSCOMPILING_EMULATOR "${MLP_WINE}")
endif()
