# Helpers shared by every module's CMakeLists.txt.

# webcare_library(NAME SOURCES ... DEPS ...): one static library per module, with its
# include root at src/ so headers are included as "module/file.h".
function(webcare_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# webcare_test(NAME SOURCES ... DEPS ...): a GoogleTest binary registered with CTest.
function(webcare_test name)
  if(NOT WEBCARE_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gmock GTest::gtest_main)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS unit)
endfunction()

# webcare_embed(OUTPUT_VAR NAMESPACE ns BASE_DIR dir FILES ... [DEPENDS ...]): generates a .cc
# that embeds FILES (relative to BASE_DIR) and sets OUTPUT_VAR to its path.
function(webcare_embed out_var)
  cmake_parse_arguments(ARG "" "NAMESPACE;BASE_DIR;NAME" "FILES;DEPENDS" ${ARGN})
  set(output "${CMAKE_CURRENT_BINARY_DIR}/${ARG_NAME}_embedded.cc")
  set(absolute "")
  foreach(file IN LISTS ARG_FILES)
    list(APPEND absolute "${ARG_BASE_DIR}/${file}")
  endforeach()
  string(REPLACE ";" "\\;" files_arg "${ARG_FILES}")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DNAMESPACE=${ARG_NAMESPACE}
            -DBASE_DIR=${ARG_BASE_DIR} "-DFILES=${files_arg}"
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    DEPENDS ${absolute} ${ARG_DEPENDS} ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    COMMENT "Embedding ${ARG_NAME}"
    VERBATIM)
  set(${out_var} "${output}" PARENT_SCOPE)
endfunction()
