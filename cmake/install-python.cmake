# Records, inside the installed Python package, where the shared library was installed
# (the prefix is known only at install time). Run by `cmake --install` with ACCORD_* set
# by the install(CODE) before it. file(INSTALL) puts DESTDIR in front by itself.
set(libfile "${CMAKE_INSTALL_PREFIX}/${ACCORD_LIBDIR}/${ACCORD_SONAME}")
file(WRITE "${ACCORD_BINARY_DIR}/python/_libpath.py"
  "# Written by make install: the shared library this package was installed with.\nLIBRARY = \"${libfile}\"\n")
if(IS_ABSOLUTE "${ACCORD_PYTHON_DIR}")
  set(dest "${ACCORD_PYTHON_DIR}/accord")
else()
  set(dest "${CMAKE_INSTALL_PREFIX}/${ACCORD_PYTHON_DIR}/accord")
endif()
file(INSTALL "${ACCORD_BINARY_DIR}/python/_libpath.py" DESTINATION "${dest}")
