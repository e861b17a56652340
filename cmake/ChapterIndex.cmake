# Writes <build>/mlp_chapters.cmake: the chapters of this build, their titles
# and whether each is on the main path, optional or a bonus. The progress
# command (progress.cmake) and grading (grade.cmake) read it.
get_property(chapters GLOBAL PROPERTY MLP_CHAPTERS)
set(index "# Written by CMake: the chapters the progress and grade scripts report on.\n")
string(APPEND index "set(MLP_CHAPTERS \"${chapters}\")\n")
foreach(stem IN LISTS chapters)
    string(SUBSTRING "${stem}" 0 2 number)
    get_property(title GLOBAL PROPERTY MLP_TITLE_${number})
    get_property(kind GLOBAL PROPERTY MLP_KIND_${number})
    string(APPEND index "set(MLP_TITLE_${number} \"${title}\")\n")
    string(APPEND index "set(MLP_KIND_${number} \"${kind}\")\n")
endforeach()
file(WRITE "${CMAKE_BINARY_DIR}/mlp_chapters.cmake" "${index}")
