# The Windows installer (NSIS through CPack). It cannot be built on the Debian machine that builds and tests the
# project; on Windows, with MSVC, Qt 6 for Windows (Widgets, Sql, Charts, PrintSupport, HttpServer) and NSIS 3:
#   cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
#   cmake --build build
#   cmake --install build --prefix build/stage      (runs windeployqt through the install step below)
#   cd build && cpack -G NSIS
# libqrencode comes from vcpkg (qrencode); PostgreSQL's client library (libpq.dll) is copied next to the programs.

# The Qt libraries, plugins (platforms, sqldrivers, styles) and Qt's own translations next to the programs.
find_program(MLM_WINDEPLOYQT windeployqt HINTS "${QT6_INSTALL_PREFIX}/bin")
if(MLM_WINDEPLOYQT)
    install(CODE "execute_process(COMMAND \"${MLM_WINDEPLOYQT}\" --release --no-compiler-runtime
        \"\${CMAKE_INSTALL_PREFIX}/bin/mlm-backoffice.exe\" \"\${CMAKE_INSTALL_PREFIX}/bin/mlm-server.exe\"
        \"\${CMAKE_INSTALL_PREFIX}/bin/mlmctl.exe\")")
endif()
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION bin)
include(InstallRequiredSystemLibraries)

set(CPACK_GENERATOR "NSIS")
set(CPACK_NSIS_PACKAGE_NAME "MLM Back Office")
set(CPACK_NSIS_DISPLAY_NAME "MLM Back Office ${PROJECT_VERSION}")
set(CPACK_NSIS_PUBLISHER "MLM back office")
set(CPACK_NSIS_URL_INFO_ABOUT "https://github.com/mlm-backoffice/mlm-backoffice")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\mlm-backoffice.exe")
set(CPACK_NSIS_MUI_ICON "${PROJECT_SOURCE_DIR}/installer/windows/mlm-backoffice.ico")
set(CPACK_NSIS_MUI_UNIICON "${PROJECT_SOURCE_DIR}/installer/windows/mlm-backoffice.ico")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_MODIFY_PATH ON) # offers to put mlmctl on the PATH
set(CPACK_NSIS_EXECUTABLES_DIRECTORY "bin")
set(CPACK_NSIS_CREATE_ICONS_EXTRA
    "CreateShortCut '$SMPROGRAMS\\\\$STARTMENU_FOLDER\\\\MLM Back Office.lnk' '$INSTDIR\\\\bin\\\\mlm-backoffice.exe'")
set(CPACK_NSIS_DELETE_ICONS_EXTRA "Delete '$SMPROGRAMS\\\\$START_MENU\\\\MLM Back Office.lnk'")
set(CPACK_NSIS_MENU_LINKS "share/doc/mlm-backoffice/README.md" "Read me")
# mlm-server as a Windows service is left to the admin (sc.exe create, or NSSM): docs/installing.md says how.
