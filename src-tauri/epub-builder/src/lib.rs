//! EPUB books made by the tests themselves, from our own sentences: EPUB 2
//! (NCX) and 3 (navigation document), chapters with footnotes and images,
//! right-to-left books, font obfuscation and DRM encryption declarations,
//! and broken books (names outside the book, zip bombs, missing files).
//!
//! The zip is written here by hand (stored or deflated entries, local headers
//! and a central directory) so that a test can write what no zip library
//! would: names without the UTF-8 flag, `../` names, absolute names.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test support: writing to memory cannot fail, and a panic is a test's failure report"
)]

pub mod image_site;

use std::io::Write;

/// A chapter: one XHTML document of the spine.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// Its file name under `OEBPS/` (may hold non-ASCII characters).
    pub file: String,
    pub title: String,
    /// The body's XHTML.
    pub body: String,
    pub linear: bool,
    /// Listed in the navigation document / NCX.
    pub in_toc: bool,
    /// Subsections listed under it: (fragment id, title).
    pub sections: Vec<(String, String)>,
}

impl Chapter {
    pub fn new(file: &str, title: &str, body: &str) -> Chapter {
        Chapter { file: file.into(), title: title.into(), body: body.into(), linear: true, in_toc: true, sections: Vec::new() }
    }
}

#[derive(Debug, Clone)]
pub struct EpubBook {
    /// 2 or 3.
    pub version: u8,
    pub title: String,
    /// (name, MARC role).
    pub creators: Vec<(String, Option<String>)>,
    pub language: String,
    pub identifier: String,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub description: Option<String>,
    pub chapters: Vec<Chapter>,
    /// Other files under `OEBPS/`: (file, media type, bytes).
    pub resources: Vec<(String, String, Vec<u8>)>,
    /// Write a navigation document (EPUB 3) and an NCX.
    pub nav: bool,
    pub ncx: bool,
    /// `dir` on each chapter's `<html>`.
    pub dir: Option<String>,
    pub encryption_xml: Option<String>,
    /// Set the zip's UTF-8 flag on non-ASCII names.
    pub utf8_flag: bool,
    pub deflate: bool,
    /// Manifest hrefs percent-encoded (as they should be).
    pub percent_encode: bool,
    /// Spine itemrefs to items the manifest lists but the zip lacks.
    pub missing_in_spine: Vec<String>,
    /// Entries added as they are: (raw name, bytes).
    pub extra_entries: Vec<(Vec<u8>, Vec<u8>)>,
    pub without_container: bool,
    /// The spine's `page-progression-direction` (`rtl` for vertical Japanese).
    pub page_progression: Option<String>,
}

impl EpubBook {
    pub fn new(version: u8, title: &str) -> EpubBook {
        EpubBook {
            version,
            title: title.into(),
            creators: vec![("Ada Wren".into(), Some("aut".into()))],
            language: "en".into(),
            identifier: "urn:uuid:0b6f3a52-6f43-4d7e-9a35-5c0d7a1e2f00".into(),
            publisher: Some("Harbour Press".into()),
            date: Some("1999-05-02".into()),
            description: Some("A short book about tides and the people who watch them.".into()),
            chapters: Vec::new(),
            resources: Vec::new(),
            nav: version >= 3,
            ncx: version < 3,
            dir: None,
            encryption_xml: None,
            utf8_flag: true,
            deflate: true,
            percent_encode: true,
            missing_in_spine: Vec::new(),
            extra_entries: Vec::new(),
            without_container: false,
            page_progression: None,
        }
    }

    pub fn chapter(mut self, chapter: Chapter) -> Self {
        self.chapters.push(chapter);
        self
    }

    pub fn resource(mut self, file: &str, media_type: &str, bytes: Vec<u8>) -> Self {
        self.resources.push((file.into(), media_type.into(), bytes));
        self
    }

    fn href(&self, file: &str) -> String {
        if self.percent_encode {
            file.split('/')
                .map(|p| url::form_urlencoded::byte_serialize(p.as_bytes()).collect::<String>().replace('+', "%20"))
                .collect::<Vec<_>>()
                .join("/")
        } else {
            file.to_owned()
        }
    }

    fn xhtml(&self, chapter: &Chapter) -> String {
        let dir = self.dir.as_deref().map(|d| format!(" dir=\"{d}\"")).unwrap_or_default();
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" xml:lang=\"{lang}\"{dir}>\n<head><title>{title}</title><link rel=\"stylesheet\" href=\"style.css\"/></head>\n<body>\n{body}\n</body>\n</html>\n",
            lang = self.language,
            title = escape(&chapter.title),
            body = chapter.body
        )
    }

    fn opf(&self) -> String {
        let mut meta = format!("<dc:title id=\"title\">{}</dc:title>\n", escape(&self.title));
        for (i, (name, role)) in self.creators.iter().enumerate() {
            if self.version >= 3 {
                meta.push_str(&format!("<dc:creator id=\"c{i}\">{}</dc:creator>\n", escape(name)));
                if let Some(role) = role {
                    meta.push_str(&format!("<meta refines=\"#c{i}\" property=\"role\" scheme=\"marc:relators\">{role}</meta>\n"));
                }
            } else {
                let role = role.as_deref().map(|r| format!(" opf:role=\"{r}\"")).unwrap_or_default();
                meta.push_str(&format!("<dc:creator{role}>{}</dc:creator>\n", escape(name)));
            }
        }
        meta.push_str(&format!(
            "<dc:identifier id=\"uid\">{}</dc:identifier>\n<dc:language>{}</dc:language>\n",
            escape(&self.identifier),
            self.language
        ));
        for (tag, value) in [("publisher", &self.publisher), ("date", &self.date), ("description", &self.description)] {
            if let Some(v) = value {
                meta.push_str(&format!("<dc:{tag}>{}</dc:{tag}>\n", escape(v)));
            }
        }
        if self.version >= 3 {
            meta.push_str("<meta property=\"dcterms:modified\">2020-01-01T00:00:00Z</meta>\n");
        }
        let mut manifest = String::new();
        let mut spine = String::new();
        for (i, c) in self.chapters.iter().enumerate() {
            manifest.push_str(&format!("<item id=\"ch{i}\" href=\"{}\" media-type=\"application/xhtml+xml\"/>\n", self.href(&c.file)));
            let linear = if c.linear { "" } else { " linear=\"no\"" };
            spine.push_str(&format!("<itemref idref=\"ch{i}\"{linear}/>\n"));
        }
        for (i, missing) in self.missing_in_spine.iter().enumerate() {
            manifest.push_str(&format!("<item id=\"gone{i}\" href=\"{}\" media-type=\"application/xhtml+xml\"/>\n", self.href(missing)));
            spine.push_str(&format!("<itemref idref=\"gone{i}\"/>\n"));
        }
        for (i, (file, media_type, _)) in self.resources.iter().enumerate() {
            manifest.push_str(&format!("<item id=\"r{i}\" href=\"{}\" media-type=\"{media_type}\"/>\n", self.href(file)));
        }
        if self.nav {
            manifest.push_str("<item id=\"nav\" href=\"nav.xhtml\" properties=\"nav\" media-type=\"application/xhtml+xml\"/>\n");
        }
        let toc = if self.ncx {
            manifest.push_str("<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>\n");
            " toc=\"ncx\""
        } else {
            ""
        };
        let toc = match &self.page_progression {
            Some(p) => format!("{toc} page-progression-direction=\"{p}\""),
            None => toc.to_owned(),
        };
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" xmlns:opf=\"http://www.idpf.org/2007/opf\" version=\"{v}.0\" unique-identifier=\"uid\">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n{meta}</metadata>\n<manifest>\n{manifest}</manifest>\n<spine{toc}>\n{spine}</spine>\n</package>\n",
            v = self.version
        )
    }

    fn nav_document(&self) -> String {
        let mut list = String::new();
        for c in self.chapters.iter().filter(|c| c.in_toc) {
            list.push_str(&format!("<li><a href=\"{}\">{}</a>", self.href(&c.file), escape(&c.title)));
            if !c.sections.is_empty() {
                list.push_str("<ol>");
                for (id, title) in &c.sections {
                    list.push_str(&format!("<li><a href=\"{}#{id}\">{}</a></li>", self.href(&c.file), escape(title)));
                }
                list.push_str("</ol>");
            }
            list.push_str("</li>\n");
        }
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\"><head><title>Contents</title></head><body>\n<nav epub:type=\"toc\" id=\"toc\"><h1>Contents</h1><ol>\n{list}</ol></nav>\n</body></html>\n"
        )
    }

    fn ncx_document(&self) -> String {
        let mut points = String::new();
        let mut order = 0;
        for (i, c) in self.chapters.iter().enumerate().filter(|(_, c)| c.in_toc) {
            order += 1;
            points.push_str(&format!(
                "<navPoint id=\"p{i}\" playOrder=\"{order}\"><navLabel><text>{}</text></navLabel><content src=\"{}\"/>",
                escape(&c.title),
                self.href(&c.file)
            ));
            for (j, (id, title)) in c.sections.iter().enumerate() {
                order += 1;
                points.push_str(&format!(
                    "<navPoint id=\"p{i}s{j}\" playOrder=\"{order}\"><navLabel><text>{}</text></navLabel><content src=\"{}#{id}\"/></navPoint>",
                    escape(title),
                    self.href(&c.file)
                ));
            }
            points.push_str("</navPoint>\n");
        }
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\"><head><meta name=\"dtb:uid\" content=\"{}\"/></head><docTitle><text>{}</text></docTitle><navMap>\n{points}</navMap></ncx>\n",
            escape(&self.identifier),
            escape(&self.title)
        )
    }

    /// The book as `.epub` bytes.
    pub fn build(&self) -> Vec<u8> {
        let mut zip = ZipOut::default();
        zip.add(b"mimetype", b"application/epub+zip", false, true);
        if !self.without_container {
            zip.add(
                b"META-INF/container.xml",
                b"<?xml version=\"1.0\"?>\n<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles><rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles></container>\n",
                self.deflate,
                true,
            );
        }
        if let Some(enc) = &self.encryption_xml {
            zip.add(b"META-INF/encryption.xml", enc.as_bytes(), self.deflate, true);
        }
        zip.add(b"OEBPS/content.opf", self.opf().as_bytes(), self.deflate, true);
        for c in &self.chapters {
            zip.add(format!("OEBPS/{}", c.file).as_bytes(), self.xhtml(c).as_bytes(), self.deflate, self.utf8_flag);
        }
        for (file, _, bytes) in &self.resources {
            zip.add(format!("OEBPS/{file}").as_bytes(), bytes, self.deflate, self.utf8_flag);
        }
        if self.nav {
            zip.add(b"OEBPS/nav.xhtml", self.nav_document().as_bytes(), self.deflate, true);
        }
        if self.ncx {
            zip.add(b"OEBPS/toc.ncx", self.ncx_document().as_bytes(), self.deflate, true);
        }
        for (name, bytes) in &self.extra_entries {
            zip.add(name, bytes, self.deflate, true);
        }
        zip.finish()
    }
}

/// `&`, `<`, `>` and `"` escaped for XML.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A zip written entry by entry.
#[derive(Default)]
pub struct ZipOut {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
}

impl ZipOut {
    /// Adds an entry; `utf8` sets the UTF-8 flag (bit 11) when the name is not ASCII.
    pub fn add(&mut self, name: &[u8], data: &[u8], deflate: bool, utf8: bool) {
        let crc = crc32fast::hash(data);
        let (method, body) = if deflate {
            let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
            enc.write_all(data).expect("deflating to memory");
            (8u16, enc.finish().expect("deflating to memory"))
        } else {
            (0u16, data.to_vec())
        };
        let flags: u16 = if utf8 && !name.is_ascii() { 1 << 11 } else { 0 };
        let offset = self.out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // needed
            h.extend_from_slice(&flags.to_le_bytes());
            h.extend_from_slice(&method.to_le_bytes());
            h.extend_from_slice(&0u32.to_le_bytes()); // time, date
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&(body.len() as u32).to_le_bytes());
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
                h.extend_from_slice(&0u32.to_le_bytes()); // external attributes
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name);
            h
        };
        self.out.extend(header(0x0403_4b50, false));
        self.out.extend(&body);
        self.central.extend(header(0x0201_4b50, true));
        self.count += 1;
    }

    pub fn finish(mut self) -> Vec<u8> {
        let start = self.out.len() as u32;
        let size = self.central.len() as u32;
        self.out.extend(&self.central);
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        self.out.extend_from_slice(&[0; 4]);
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&size.to_le_bytes());
        self.out.extend_from_slice(&start.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        self.out
    }
}

/// A 3×2 PNG header: enough for its type and size to be read.
pub fn tiny_png() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(&3u32.to_be_bytes());
    png.extend_from_slice(&2u32.to_be_bytes());
    png.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    png
}

/// A book of our own in the shape the importer's tests use: three chapters
/// with headings, a footnote and its back-link, a link between chapters, a
/// subsection, an image and a figure with its caption.
pub fn sample_book(version: u8) -> EpubBook {
    EpubBook::new(version, "The Salt Roads")
        .chapter(Chapter {
            sections: vec![("harbour".into(), "The Harbour".into())],
            ..Chapter::new(
                "text/chapter1.xhtml",
                "Chapter One: Low Water",
                "<h1>Chapter One: Low Water</h1>\n<p>The tide went out at dawn in March 1851, and the boats lay on the mud like sleeping dogs.<a epub:type=\"noteref\" id=\"ref1\" href=\"notes.xhtml#note1\">1</a></p>\n<h2 id=\"harbour\">The Harbour</h2>\n<p>The harbour master counted them twice, as he did every morning, and wrote the number in his book.</p>\n<figure><img src=\"../images/gull%20one.png\" alt=\"A gull on a post\"/><figcaption>A gull watches the empty harbour.</figcaption></figure>",
            )
        })
        .chapter(Chapter::new(
            "text/chapter2.xhtml",
            "Chapter Two: The Flood",
            "<h1>Chapter Two: The Flood</h1>\n<p>In October 1852 the sea came over the wall, as the keeper had said it would in <a href=\"chapter1.xhtml#harbour\">the first chapter</a>.</p>\n<ul><li>Three boats were lost.</li><li>The church bell rang all night.</li></ul>",
        ))
        .chapter(Chapter::new(
            "text/chapter3.xhtml",
            "Chapter Three: Rebuilding",
            "<h1>Chapter Three: Rebuilding</h1>\n<p>By the spring of 1853 the town had built the wall again, higher and thicker than before.</p>\n<blockquote><p>We will not be caught twice, said the mayor.</p></blockquote>\n<table><tr><th>Year</th><th>Boats</th></tr><tr><td>1851</td><td>40</td></tr><tr><td>1853</td><td>31</td></tr></table>",
        ))
        .chapter(Chapter {
            linear: false,
            in_toc: false,
            ..Chapter::new(
                "text/notes.xhtml",
                "Notes",
                "<aside epub:type=\"footnote\" id=\"note1\"><p><a href=\"chapter1.xhtml#ref1\">1</a> The harbour log for that year survives in the town library.</p></aside>",
            )
        })
        .resource("images/gull one.png", "image/png", tiny_png())
        .resource("text/style.css", "text/css", b"p { text-indent: 1em }".to_vec())
}

/// A real PNG of `width`×`height` that browsers draw: a sea-and-sky picture
/// (a gradient of blues over a band of sand), made here, deflated with zlib.
pub fn picture_png(width: u32, height: u32) -> Vec<u8> {
    grain_png(width, height, 0)
}

/// [`picture_png`] with grain: with `seed` > 0 each pixel is varied by a
/// pseudo-random amount, so the file compresses about as badly as a photo.
pub fn grain_png(width: u32, height: u32, seed: u32) -> Vec<u8> {
    let mut raw = Vec::with_capacity(((width * 3 + 1) * height) as usize);
    let mut state = seed.wrapping_mul(2_654_435_761).max(1);
    let mut grain = || {
        if seed == 0 {
            return 0;
        }
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state % 48
    };
    for y in 0..height {
        raw.push(0); // no filter
        for x in 0..width {
            let sand = y * 5 > height * 4;
            let (r, g, b) = if sand {
                (214, 190, 140)
            } else {
                let t = y * 255 / height.max(1);
                (40 + t / 4, 90 + t / 3, 150 + x * 60 / width.max(1))
            };
            let n = grain();
            raw.extend_from_slice(&[(r + n).min(255) as u8, (g + n).min(255) as u8, (b + n / 2).min(255) as u8]);
        }
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&raw).expect("deflating to memory");
    let idat = z.finish().expect("deflating to memory");
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [(&b"IHDR"[..], &ihdr[..]), (b"IDAT", &idat), (b"IEND", &[])] {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut chunk = kind.to_vec();
        chunk.extend_from_slice(data);
        png.extend_from_slice(&chunk);
        png.extend_from_slice(&crc32fast::hash(&chunk).to_be_bytes());
    }
    png
}

/// A longer book of our own for reading tests: `chapters` chapters of
/// varied paragraphs (no two alike), a section and a dated sentence (the
/// spring of 1849 + N in chapter N) in each, a picture with its
/// caption in the first, and a footnote in the second.
pub fn long_book(chapters: usize) -> EpubBook {
    let names = ["Low Water", "The Flood", "Rebuilding", "The Lamp", "Winter Trade", "The Survey", "Quiet Years", "The Storm"];
    let people = ["The harbour master", "A clerk at the customs house", "The pilot on duty", "An old net mender", "The ferry captain"];
    let acts = ["counted", "recorded", "argued about", "watched", "measured"];
    let things = [
        "the boats on the tide",
        "the morning catch",
        "the spring water",
        "the eastern pier",
        "the price of rope",
        "the lamps on the quay",
    ];
    let mut book = EpubBook::new(3, "A History of the Harbour");
    for c in 0..chapters {
        let n = c + 1;
        let title = format!("Chapter {n}: {}", names[c % names.len()]);
        let mut body = format!("<h1>{title}</h1>\n");
        if c == 0 {
            body.push_str("<figure><img src=\"../images/harbour.png\" alt=\"The harbour at low tide\"/><figcaption>The harbour at low tide, drawn from the sea wall.</figcaption></figure>\n");
        }
        for p in 0..14 {
            if p == 7 {
                body.push_str(&format!("<h2 id=\"s{n}\">The year {}</h2>\n", 1850 + c));
            }
            let mut para = String::from("<p>");
            for s in 0..4 {
                let k = c * 31 + p * 7 + s * 3;
                para.push_str(&format!(
                    "{} {} {} in chapter {n}, paragraph {}, line {}. ",
                    people[k % people.len()],
                    acts[(k / 2) % acts.len()],
                    things[(k / 3) % things.len()],
                    p + 1,
                    s + 1
                ));
            }
            if c == 1 && p == 2 {
                para.push_str("<a epub:type=\"noteref\" id=\"ref1\" href=\"notes.xhtml#note1\">1</a>");
            }
            // One dated event a chapter, for the timeline (chapter N: 1849 + N).
            if p == 0 {
                para.push_str(&format!("In the spring of {} the ledgers of the port were opened again. ", 1850 + c));
            }
            para.push_str("</p>\n");
            body.push_str(&para);
        }
        book = book.chapter(Chapter {
            sections: vec![(format!("s{n}"), format!("The year {}", 1850 + c))],
            ..Chapter::new(&format!("text/chapter{n}.xhtml"), &title, &body)
        });
    }
    book.chapter(Chapter {
        linear: false,
        in_toc: false,
        ..Chapter::new(
            "text/notes.xhtml",
            "Notes",
            "<aside epub:type=\"footnote\" id=\"note1\"><p><a href=\"chapter2.xhtml#ref1\">1</a> The customs ledgers for these years are kept in the town archive.</p></aside>",
        )
    })
    .resource("images/harbour.png", "image/png", picture_png(480, 240))
}
