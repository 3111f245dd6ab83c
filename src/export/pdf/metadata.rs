//! Document metadata: PDF 1.7, the Info dictionary and an XMP packet with
//! the title, author, subject, language and dates; printpdf's placeholder
//! claims (PDF/X version, 1970 dates) are dropped.

use lopdf::{dictionary, Document as Lo, Object, Stream};

use super::structure::text;
use crate::compose::Meta;

pub fn set(lo: &mut Lo, meta: &Meta, lang: &str) -> lopdf::Result<()> {
    lo.version = "1.7".into();
    let subject = format!("Children and Young People's Plan {}", meta.period);
    let date = meta.date.replace('-', "");
    let pdf_date = format!("D:{date}000000Z");
    let info = lo.add_object(dictionary! {
        "Title" => text(&meta.title),
        "Author" => text(&meta.authority),
        "Subject" => text(&subject),
        "Creator" => text("Planwright"),
        "Producer" => text("Planwright (printpdf, lopdf)"),
        "CreationDate" => Object::string_literal(pdf_date.as_str()),
        "ModDate" => Object::string_literal(pdf_date.as_str()),
    });
    lo.trailer.set("Info", info);
    let xmp = format!(
        r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
<xmp:CreateDate>{date}</xmp:CreateDate><xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:CreatorTool>Planwright</xmp:CreatorTool><pdf:Producer>Planwright (printpdf, lopdf)</pdf:Producer>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"#,
        title = xml(&meta.title),
        author = xml(&meta.authority),
        subject = xml(&subject),
        // The plan's own value: a plan from elsewhere may hold anything here.
        lang = xml(lang),
        date = meta.date,
    );
    let stream = Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp.into_bytes(),
    )
    .with_compression(false);
    let xmp_id = lo.add_object(stream);
    let catalog = lo.catalog_mut()?;
    catalog.set("Metadata", xmp_id);
    catalog.remove(b"OutputIntents");
    Ok(())
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
