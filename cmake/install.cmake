# install.cmake - `cmake --install BUILD [--prefix DIR]` (issue 9): included from the top
# CMakeLists.txt after src/ so that the targets exist.
#
#   bin/regdoc                       the command (linked with the static library: no
#                                    run-time path to set)
#   lib/libregdoc.so.0 (+ .so, .a)    libregdoc, shared and static
#   include/regdoc.h                 its public header
#   lib/pkgconfig/regdoc.pc          pkg-config file (Requires.private: libxml2, libxslt,
#                                    libexslt, libcmark, libzip for static linking)
#   share/regdoc/templates/          schemas, XSLT, static files, questionnaire
#   share/regdoc/corpus/             the embedded regulations with README and provenance
#   share/man/man1/regdoc.1          the man page (doc/regdoc.1)
#
# An installed regdoc finds share/regdoc/ from its own location (src/util/datadir.c:
# <dir of the executable>/REGDOC_REL_DATADIR), so the whole prefix can be moved.
include(GNUInstallDirs)

set(REGDOC_SOVERSION 0)
set(REGDOC_INSTALL_PKGDATADIR "${CMAKE_INSTALL_DATADIR}/regdoc")
# from bin/ to share/regdoc, as the installed executable sees it
file(RELATIVE_PATH REGDOC_REL_DATADIR
     "${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}"
     "${CMAKE_INSTALL_PREFIX}/${REGDOC_INSTALL_PKGDATADIR}")
target_compile_definitions(regdoc_lib PRIVATE
  REGDOC_REL_DATADIR="${REGDOC_REL_DATADIR}"
  REGDOC_INSTALL_DATADIR="${CMAKE_INSTALL_FULL_DATADIR}/regdoc"
  REGDOC_BUILD_DIR="${PROJECT_BINARY_DIR}")

# The shared library is the static one's objects (compiled once, position-independent)
# with only the public API exported (regdoc.map).
set_target_properties(regdoc_lib PROPERTIES POSITION_INDEPENDENT_CODE ON)
if(NOT REGDOC_FUZZ)
  add_library(regdoc_shared SHARED "${PROJECT_SOURCE_DIR}/src/shared.c")
  target_link_libraries(regdoc_shared PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,regdoc_lib>")
  target_link_libraries(regdoc_shared PUBLIC PkgConfig::LIBXML2 PkgConfig::LIBXSLT PkgConfig::CMARK)
  target_link_options(regdoc_shared PRIVATE
    "LINKER:--version-script=${CMAKE_CURRENT_LIST_DIR}/regdoc.map"
    "LINKER:--no-undefined")
  set_target_properties(regdoc_shared PROPERTIES
    OUTPUT_NAME regdoc
    VERSION ${PROJECT_VERSION}
    SOVERSION ${REGDOC_SOVERSION}
    LINK_DEPENDS "${CMAKE_CURRENT_LIST_DIR}/regdoc.map")
  install(TARGETS regdoc_shared
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
endif()

install(TARGETS regdoc RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS regdoc_lib ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES "${PROJECT_SOURCE_DIR}/src/regdoc.h" DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

# pkg-config: paths relative to ${prefix}, so `cmake --install --prefix` at install time
# is honoured (the file is written with the prefix the install really uses).
configure_file("${CMAKE_CURRENT_LIST_DIR}/regdoc.pc.in" "${PROJECT_BINARY_DIR}/regdoc.pc.in.configured" @ONLY)
install(CODE "
  file(READ \"${PROJECT_BINARY_DIR}/regdoc.pc.in.configured\" regdoc_pc)
  string(REPLACE \"%PREFIX%\" \"\${CMAKE_INSTALL_PREFIX}\" regdoc_pc \"\${regdoc_pc}\")
  file(WRITE \"${PROJECT_BINARY_DIR}/regdoc.pc\" \"\${regdoc_pc}\")
")
install(FILES "${PROJECT_BINARY_DIR}/regdoc.pc" DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# Data: templates and the embedded corpus (dot-files and editor leftovers excluded).
install(DIRECTORY "${PROJECT_SOURCE_DIR}/templates/" DESTINATION ${REGDOC_INSTALL_PKGDATADIR}/templates
        PATTERN ".*" EXCLUDE PATTERN "*~" EXCLUDE)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/corpus/" DESTINATION ${REGDOC_INSTALL_PKGDATADIR}/corpus
        PATTERN ".*" EXCLUDE PATTERN "*~" EXCLUDE)
install(FILES "${PROJECT_SOURCE_DIR}/doc/regdoc.1" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
