# Installation layout and CPack packaging (issue 7).
#   Debian:  cmake --build build && (cd build && cpack -G DEB)   -> build/mlm-backoffice_<version>_<arch>.deb
#   Windows: cpack -G NSIS in a build made with MSVC and Qt for Windows (after windeployqt; see installer/windows/).
# The programs install from app/CMakeLists.txt; this file adds what goes around them.
include(GNUInstallDirs)

set(MLM_APP_ID "io.github.mlm_backoffice.BackOffice")

# The desktop entry, the icon and the AppStream metainfo (found by software centres).
install(FILES ${PROJECT_SOURCE_DIR}/resources/${MLM_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/mlm-backoffice.svg
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps RENAME ${MLM_APP_ID}.svg)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/mlm-backoffice.png
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/256x256/apps RENAME ${MLM_APP_ID}.png)
install(FILES ${PROJECT_SOURCE_DIR}/resources/${MLM_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
# The translations are compiled into the programs (:/i18n); the .qm files are installed too, where
# installTranslations() looks first, so that a corrected translation needs no new build.
install(FILES ${MLM_QM_FILES} DESTINATION ${CMAKE_INSTALL_DATADIR}/mlm-backoffice/translations)
# The user documentation.
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR} FILES_MATCHING PATTERN "*.md" PATTERN "*.png")

set(CPACK_PACKAGE_NAME "mlm-backoffice")
set(CPACK_PACKAGE_VENDOR "MLM back office")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Back office for direct-selling (MLM) companies")
set(CPACK_PACKAGE_DESCRIPTION "Distributors and customers in a sponsor tree, price tiers, orders from online stores
and the back office, referral links, commissions paid to the cent and downline performance charts, in a local SQLite
file or a shared PostgreSQL server. Three programs: mlm-backoffice (the desktop program), mlmctl (the command line)
and mlm-server (the HTTP API for online stores, a systemd service installed disabled).")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "MLM back office maintainers <maintainers@mlm-backoffice.invalid>")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/mlm-backoffice/mlm-backoffice")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "MLM Back Office")
set(CPACK_PACKAGE_EXECUTABLES "mlm-backoffice" "MLM Back Office")
set(CPACK_RESOURCE_FILE_README "${PROJECT_SOURCE_DIR}/README.md")
set(CPACK_STRIP_FILES ON)

if(UNIX AND NOT APPLE)
    # The systemd unit of mlm-server (not enabled by the package) and its sample configuration (a conffile: an
    # admin's edits survive upgrades).
    install(FILES ${PROJECT_SOURCE_DIR}/installer/debian/mlm-server.service DESTINATION lib/systemd/system)
    install(FILES ${PROJECT_SOURCE_DIR}/installer/debian/mlm-server.conf DESTINATION /etc/mlm-server)

    set(CPACK_GENERATOR "DEB")
    set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_SECTION "office")
    set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
    # Libraries from dpkg-shlibdeps (libqt6core6, libqt6widgets6, libqt6charts6, ...); what is loaded as a plugin
    # (SQL drivers, the platform plugins) and the service's user tools are named here.
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6sql6-psql, qt6-qpa-plugins, adduser")
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
    set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql")
    set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
        "${PROJECT_SOURCE_DIR}/installer/debian/postinst;${PROJECT_SOURCE_DIR}/installer/debian/prerm;${PROJECT_SOURCE_DIR}/installer/debian/postrm;${PROJECT_SOURCE_DIR}/installer/debian/conffiles")
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
elseif(WIN32)
    include(${PROJECT_SOURCE_DIR}/installer/windows/NSIS.cmake)
endif()

include(CPack)
