# The Debian packages the documents need, for `make demo` and `make test` alike: LibreOffice's Writer writes the
# PDFs through its UNO bridge (python3-uno, for Debian's own Python), with fonts metric-compatible with those the
# Word documents name.
OFFICE_PACKAGES=(libreoffice-writer-nogui python3-uno fonts-liberation fonts-dejavu-core)
