# Catch-up: complete starter_code/ up to (not including) chapter N with the
# solution's chapters, so a learner can start at chapter N.
#
#   cmake -DCHAPTER=4 -P cmake/catch_up.cmake
#   cmake -DCHAPTER=4 -DFORCE=ON -P cmake/catch_up.cmake   overwrite changed files (kept as .mine)
#   cmake -DCHAPTER=4 -DSTARTER_DIR=path -P cmake/catch_up.cmake
#
# A header that is still exactly as handed out (every exercise stubbed) is
# replaced. A header the learner has changed is left alone, and the script
# fails naming it, unless FORCE is on; then the learner's version is kept
# beside it as <name>.hpp.mine. Line endings do not count as a change: a
# header checked out or saved with CRLF (Windows) is compared as if LF.
cmake_minimum_required(VERSION 3.22)
get_filename_component(repo "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
include("${CMAKE_CURRENT_LIST_DIR}/starter_fingerprints.cmake")

# text_sha256(<file> <out-var>): the SHA-256 of the file's text with every
# CRLF read as LF, the same digest tests/tools/make_starter.py writes into
# starter_fingerprints.cmake for the LF text.
function(text_sha256 file out_var)
    file(READ "${file}" text)
    string(REPLACE "\r\n" "\n" text "${text}")
    string(SHA256 digest "${text}")
    set(${out_var} "${digest}" PARENT_SCOPE)
endfunction()

if(NOT CHAPTER MATCHES "^[1-9]$")
    message(FATAL_ERROR "catch_up: say which chapter the learner starts at, 1 to 9: "
                        "cmake -DCHAPTER=4 -P cmake/catch_up.cmake")
endif()
if(NOT STARTER_DIR)
    set(STARTER_DIR "${repo}/starter_code")
endif()
if(NOT EXISTS "${repo}/solution")
    message(FATAL_ERROR "catch_up: ${repo}/solution is missing; catch-up needs the solutions")
endif()

file(GLOB headers RELATIVE "${repo}/solution" "${repo}/solution/0[1-9]_*.hpp")
list(SORT headers)
set(refused "")
foreach(name IN LISTS headers)
    string(SUBSTRING "${name}" 0 2 number)
    if(NOT number LESS CHAPTER)
        continue()
    endif()
    set(source "${repo}/solution/${name}")
    set(target "${STARTER_DIR}/${name}")
    text_sha256("${source}" solution_hash)
    set(current_hash "")
    if(EXISTS "${target}")
        text_sha256("${target}" current_hash)
    endif()
    string(REPLACE "." "_" key "${name}")
    if(current_hash STREQUAL solution_hash)
        message("  ${name}: already complete")
    elseif(current_hash STREQUAL "" OR current_hash STREQUAL "${MLP_PRISTINE_${key}}")
        file(COPY_FILE "${source}" "${target}")
        message("  ${name}: completed with the solution")
    elseif(FORCE)
        file(COPY_FILE "${target}" "${target}.mine")
        file(COPY_FILE "${source}" "${target}")
        message("  ${name}: completed with the solution; your version is in ${name}.mine")
    else()
        list(APPEND refused "${name}")
        message("  ${name}: you have changed this file; left as it is")
    endif()
endforeach()

if(refused)
    list(JOIN refused ", " names)
    message(FATAL_ERROR "catch_up: not overwritten because they hold your own work: ${names}. "
                        "To replace them anyway (your versions are kept as .mine files): "
                        "cmake -DCHAPTER=${CHAPTER} -DFORCE=ON -P cmake/catch_up.cmake")
endif()
message("starter_code/ now has chapters 1 to ${CHAPTER} - 1 complete; start with chapter ${CHAPTER}.")
