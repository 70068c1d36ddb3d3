#!/usr/bin/env python3
"""Writes scans and phone photos of letters made by LibreOffice, for tests/ocr.rs.

Each letter is written as flat ODF (the two-column letterhead, justified body and footer
of scripts/make_renditions.py), turned into PDF by LibreOffice, rasterised by pdftoppm
and then damaged the way paper is:

  NAME.scan200.pdf   200 dpi greyscale PDF, skewed by up to 2 degrees, noise, specks
                     and heavy JPEG artefacts (multi-page letters: the violation runs
                     across the page break)
  NAME.scan300.png   300 dpi greyscale PNG of a one-page letter, light noise
  NAME.scan.tif      a multi-page TIFF of a multi-page letter, as fax machines and
                     document scanners write it: 300 dpi bilevel (CCITT group 4), each
                     page skewed by up to 2 degrees
  NAME.photo.jpg     a phone photo of a one-page letter: lying on a darker table with
                     a margin around it, in perspective (the phone held below the page
                     and a little to one side, so the top edge is shorter than the
                     bottom), turned by about 3 degrees, uneven light, blur, noise, JPEG
  turned/NAME.photo-exif6.jpg
                     such a photo as a phone stores it when held upright: the pixels as
                     the sensor saw them, a quarter turn counter-clockwise, and the EXIF
                     Orientation tag 6 (turn 90 degrees clockwise to view)
  turned/NAME.scan300-sideways.png
                     the 300 dpi scan of a page laid on the glass on its side: turned a
                     quarter counter-clockwise, without any tag saying so

and NAME.txt beside them: the letter's text, which the scans are compared with. The
damage is random but seeded by the file name, so the files are the same on every run.
Exits 3 when a tool is missing (soffice, pdftoppm, or the Python packages Pillow,
numpy and opencv-python-headless; .ci/run installs them).

Usage: python3 scripts/make_scans.py OUT        (from the repository root)
"""
import hashlib
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from make_renditions import fodt, produced_letter, produced_text, start_output  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..")
DOCUMENTS = os.path.join(ROOT, "fixtures", "documents")

# Multi-page letters (words of filler, lead) as tests/renditions.rs has them.
MULTI_PAGE = [(540, 0), (540, 3), (540, 5)]

# One-page letters from fixtures/documents: restrictions and lawful letters.
ONE_PAGE = [
    "auto-reply-portal-only",
    "email-attachments-refused",
    "notice-fax-shutdown",
    "letter-email-not-offered",
    "invitation-companion",
    "lawful-elterngeld",
    "lawful-one-day-closure",
    "lawful-status-delay",
]

def missing_tools():
    missing = [tool for tool in ("soffice", "pdftoppm") if shutil.which(tool) is None]
    for module, package in (("PIL", "pillow"), ("numpy", "numpy"), ("cv2", "opencv-python-headless")):
        try:
            __import__(module)
        except ImportError:
            missing.append(f"{package} (pip install {package})")
    return missing


def document_paragraphs(name):
    """The paragraphs of a fixture letter, each joined into one line."""
    text = open(os.path.join(DOCUMENTS, f"{name}.txt"), encoding="utf-8").read()
    blocks = [" ".join(block.split()) for block in text.split("\n\n")]
    return [block for block in blocks if block]


def rng_for(name):
    import numpy as np

    return np.random.default_rng(int(hashlib.sha256(name.encode()).hexdigest()[:8], 16))


def rasterise(pdf, dpi, folder):
    """The pages of `pdf` as greyscale arrays."""
    import cv2

    prefix = os.path.join(folder, "page")
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", pdf, prefix], check=True)
    pages = sorted(f for f in os.listdir(folder) if f.startswith("page") and f.endswith(".png"))
    images = [cv2.imread(os.path.join(folder, f), cv2.IMREAD_GRAYSCALE) for f in pages]
    for f in pages:
        os.remove(os.path.join(folder, f))
    return images


def noisy(image, rng, sigma):
    import numpy as np

    noise = rng.normal(0, sigma, image.shape)
    return np.clip(image.astype(np.float32) + noise, 0, 255).astype(np.uint8)


def jpeg(image, quality):
    import cv2

    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    return cv2.imdecode(encoded, cv2.IMREAD_UNCHANGED)


def skewed(image, rng):
    """The page turned by 0.7 to 2 degrees either way, as on a scanner's glass."""
    import cv2

    height, width = image.shape
    angle = rng.uniform(0.7, 2.0) * rng.choice([-1, 1])
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), borderValue=255)


def scan200(pdf, out, name, folder):
    """A 200 dpi greyscale scan: skewed, noisy, specked, JPEG-compressed."""
    from PIL import Image

    rng = rng_for(name)
    pages = []
    for image in rasterise(pdf, 200, folder):
        image = noisy(skewed(image, rng), rng, 12)
        specks = rng.random(image.shape) < 0.0008
        image[specks] = 40
        image = jpeg(image, 30)
        pages.append(Image.fromarray(image))
    pages[0].save(out, save_all=True, append_images=pages[1:], resolution=200.0)


def scan_tif(pdf, out, name, folder):
    """A multi-page bilevel TIFF (CCITT group 4) at 300 dpi, each page skewed."""
    from PIL import Image

    rng = rng_for(name + ".tif")
    pages = []
    for image in rasterise(pdf, 300, folder):
        image = skewed(image, rng)
        pages.append(Image.fromarray(image).point(lambda v: 255 if v > 160 else 0).convert("1"))
    pages[0].save(out, save_all=True, append_images=pages[1:], compression="group4",
                  dpi=(300, 300))


def scan300(pdf, out, name, folder):
    """A clean 300 dpi greyscale PNG of the first page, with light noise."""
    from PIL import Image

    image = noisy(rasterise(pdf, 300, folder)[0], rng_for(name), 5)
    Image.fromarray(image).save(out, dpi=(300, 300))


def photo(pdf, out, name, folder):
    """A phone photo of the first page: on a table, in perspective, turned, lit from
    one side, slightly blurred and noisy, saved as JPEG."""
    import cv2

    cv2.imwrite(out, photo_pixels(pdf, name, folder), [cv2.IMWRITE_JPEG_QUALITY, 95])


def photo_exif6(pdf, out, name, folder):
    """The phone photo of `photo`, stored sideways with EXIF Orientation 6, as a phone
    held upright writes it: the stored pixels are the view turned a quarter
    counter-clockwise, and the tag says to turn them 90 degrees clockwise."""
    import numpy as np
    from PIL import Image, ImageOps

    view = photo_pixels(pdf, name, folder)[:, :, ::-1]  # BGR to RGB
    stored = Image.fromarray(np.ascontiguousarray(np.rot90(view, 1)))
    exif = Image.Exif()
    exif[0x0112] = 6
    stored.save(out, quality=95, exif=exif)
    # What a viewer shows is the photo upright again.
    shown = ImageOps.exif_transpose(Image.open(out))
    assert shown.size == (view.shape[1], view.shape[0]), (shown.size, view.shape)


def scan300_sideways(pdf, out, name, folder):
    """The 300 dpi scan of `scan300` of a page that lay on its side on the glass: turned
    a quarter counter-clockwise, with no tag that says so."""
    import numpy as np
    from PIL import Image

    image = noisy(rasterise(pdf, 300, folder)[0], rng_for(name), 5)
    Image.fromarray(np.ascontiguousarray(np.rot90(image, 1))).save(out, dpi=(300, 300))


def photo_pixels(pdf, name, folder):
    """The pixels (BGR) of the phone photo of the first page of `pdf`, after a JPEG
    round trip."""
    import cv2
    import numpy as np

    rng = rng_for(name)
    page = rasterise(pdf, 250, folder)[0]
    height, width = page.shape
    margin = int(width * 0.08)
    canvas_w, canvas_h = width + 2 * margin, height + 2 * margin
    source = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    jitter = lambda: rng.uniform(-0.02, 0.02) * width  # noqa: E731
    # Perspective: the top edge 8-12 % shorter than the bottom, shifted to one side.
    narrow = rng.uniform(0.04, 0.06) * width
    shift = rng.uniform(-0.03, 0.03) * width
    target = np.float32([[margin + narrow + shift + jitter(), margin + jitter()],
                         [margin + width - narrow + shift + jitter(), margin + jitter()],
                         [margin + width + jitter(), margin + height + jitter()],
                         [margin + jitter(), margin + height + jitter()]])
    angle = np.radians(rng.uniform(2.0, 3.5) * rng.choice([-1, 1]))
    centre = np.float32([canvas_w / 2, canvas_h / 2])
    rotation = np.float32([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    target = (target - centre) @ rotation.T + centre
    matrix = cv2.getPerspectiveTransform(source, target.astype(np.float32))
    table = np.full((canvas_h, canvas_w), 95, np.uint8)
    warped = cv2.warpPerspective(page, matrix, (canvas_w, canvas_h), borderValue=0)
    mask = cv2.warpPerspective(np.full_like(page, 255), matrix, (canvas_w, canvas_h))
    image = np.where(mask > 0, warped, table).astype(np.float32)
    # Light from one corner: from full to a little over half brightness, and a vignette.
    ys, xs = np.mgrid[0:canvas_h, 0:canvas_w].astype(np.float32)
    corner = rng.integers(0, 4)
    fx = xs / canvas_w if corner % 2 == 0 else 1 - xs / canvas_w
    fy = ys / canvas_h if corner < 2 else 1 - ys / canvas_h
    light = 1.0 - 0.42 * (fx + fy) / 2
    vignette = 1.0 - 0.18 * (((xs / canvas_w - 0.5) ** 2 + (ys / canvas_h - 0.5) ** 2) * 4)
    image = image * light * vignette
    image = cv2.GaussianBlur(image, (0, 0), 1.2)
    image = noisy(image, rng, 6)
    colour = cv2.merge([np.clip(image * f, 0, 255).astype(np.uint8) for f in (0.9, 0.97, 1.0)])
    return jpeg(colour, 82)


# Pages turned a quarter (in turned/): a phone photo stored sideways with its EXIF
# Orientation tag, and a scan of a page that lay on its side. tests/ocr.rs checks
# that they find the same rules as their text.
TURNED = {
    "auto-reply-portal-only": [photo_exif6],
    "email-attachments-refused": [scan300_sideways],
}


def write_scans(out):
    missing = missing_tools()
    if missing:
        print("missing: " + ", ".join(missing), file=sys.stderr)
        sys.exit(3)
    digest = hashlib.sha256()
    for path in [__file__, os.path.join(os.path.dirname(__file__), "make_renditions.py")] + [
            os.path.join(DOCUMENTS, f"{name}.txt") for name in ONE_PAGE]:
        digest.update(open(path, "rb").read())
    stamp = digest.hexdigest()
    work = out + "-work"
    if not start_output(out, stamp, work):
        return
    letters = {}
    for words, lead in MULTI_PAGE:
        makers = [scan200, scan_tif] if lead == 3 else [scan200]
        letters[f"libreoffice-{words}-{lead}"] = (produced_letter(words, lead), makers)
    for name in ONE_PAGE:
        letters[name] = (document_paragraphs(name), [scan300, photo] + TURNED.get(name, []))
    for name, (paragraphs, _) in letters.items():
        open(os.path.join(out, f"{name}.txt"), "w", encoding="utf-8").write(produced_text(paragraphs))
        open(os.path.join(work, f"{name}.fodt"), "w", encoding="utf-8").write(fodt(paragraphs))
    profile = os.path.abspath(os.path.join(out, "..", "soffice-profile-scans"))
    soffice = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
    fodts = sorted(os.path.join(work, f) for f in os.listdir(work) if f.endswith(".fodt"))
    subprocess.run(soffice + ["--convert-to", "pdf", "--outdir", work, *fodts],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    suffixes = {scan200: "scan200.pdf", scan_tif: "scan.tif", scan300: "scan300.png",
                photo: "photo.jpg", photo_exif6: "turned/{}.photo-exif6.jpg",
                scan300_sideways: "turned/{}.scan300-sideways.png"}
    os.makedirs(os.path.join(out, "turned"))
    for name, (_, makers) in letters.items():
        pdf = os.path.join(work, f"{name}.pdf")
        for make in makers:
            suffix = suffixes[make]
            file = suffix.format(name) if "{}" in suffix else f"{name}.{suffix}"
            make(pdf, os.path.join(out, file), name, work)
    shutil.rmtree(work)
    open(os.path.join(out, "stamp"), "w").write(stamp)
    print("written", out)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    write_scans(sys.argv[1])
