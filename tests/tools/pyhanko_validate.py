"""Validates the signatures of a PDF with pyHanko, as a second, independent
reader of what `planwright signoff` signs. Trusts the certificate given (the
signer's self-signed one). Prints one line per signature and exits 0 only
when every signature is intact, valid, trusted and covers the whole file.

usage: pyhanko_validate.py FILE.pdf TRUSTED-CERT.pem
"""
import sys

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


def main(pdf, cert):
    vc = ValidationContext(trust_roots=[load_cert_from_pemder(cert)])
    ok = True
    with open(pdf, "rb") as f:
        sigs = PdfFileReader(f, strict=False).embedded_signatures
        if not sigs:
            print("no signatures")
            return 1
        for sig in sigs:
            status = validate_pdf_signature(sig, vc)
            coverage = status.coverage.name
            print(
                f"{sig.field_name}: intact={status.intact} valid={status.valid} "
                f"trusted={status.trusted} coverage={coverage} "
                f"signer={status.signing_cert.subject.human_friendly}"
            )
            ok = ok and status.intact and status.valid and status.trusted
            ok = ok and coverage == "ENTIRE_FILE"
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
