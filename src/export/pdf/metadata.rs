//! Document metadata: PDF 1.7, the Info dictionary and an XMP packet with
//! the title, author, subject, language, dates and the PDF/UA-1 claim;
//! printpdf's placeholder claims (PDF/X version, 1970 dates) are dropped.

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
    if let Some(k) = &meta.keywords {
        if let Ok(Object::Dictionary(d)) = lo.get_object_mut(info) {
            d.set("Keywords", text(k));
        }
    }
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
<xmp:CreatorTool>Planwright</xmp:CreatorTool><pdf:Producer>Planwright (printpdf, lopdf)</pdf:Producer>{keywords}
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part></rdf:Description>
{PDFUA_SCHEMA}
</rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"#,
        title = xml(&meta.title),
        author = xml(&meta.authority),
        subject = xml(&subject),
        // The plan's own value: a plan from elsewhere may hold anything here.
        lang = xml(lang),
        date = meta.date,
        keywords = meta
            .keywords
            .as_deref()
            .map(|k| format!("<pdf:Keywords>{}</pdf:Keywords>", xml(k)))
            .unwrap_or_default(),
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

/// The pdfuaid namespace described as a PDF/A extension schema: validators
/// (veraPDF, PAC) accept the `pdfuaid:part` claim only with it.
const PDFUA_SCHEMA: &str = r##"<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>"##;

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
