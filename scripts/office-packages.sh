# The Debian packages the documents need, for `make demo` and `make test` alike: LibreOffice's Writer writes the
# PDFs through its UNO bridge (python3-uno, for Debian's own Python), with fonts metric-compatible with those the
# Word documents name, and Noto for the scripts they lack: Noto Naskh Arabic and Noto Serif CJK SC in the documents
# (Naskh and Song, the styles of UN Arabic and Chinese print), Noto Sans Arabic and CJK in the charts. poppler-utils
# reads the text of uploaded PDF versions for search (pdftotext).
OFFICE_PACKAGES=(libreoffice-writer-nogui python3-uno fonts-liberation fonts-dejavu-core fonts-noto-core fonts-noto-cjk
                 poppler-utils)
