//! Files carried inside the PDF: a committee pack's attached PDF
//! appendices, listed by readers among its attachments. Each file
//! specification has the F and UF names and a description, as PDF/UA
//! asks of embedded files (ISO 14289-1, 7.11).

use lopdf::{dictionary, Document as Lo, Object, Stream};

use super::structure::text;
use super::Attachment;

pub fn attach(lo: &mut Lo, files: &[Attachment]) -> lopdf::Result<()> {
    if files.is_empty() {
        return Ok(());
    }
    // The name tree's keys in order, each once.
    let mut named: Vec<(&str, &Attachment)> = files.iter().map(|f| (f.name, f)).collect();
    named.sort_by(|a, b| a.0.cmp(b.0));
    named.dedup_by(|a, b| a.0 == b.0);
    let mut names = Vec::new();
    for (name, f) in named {
        let mut stream = Stream::new(
            dictionary! {
                "Type" => "EmbeddedFile",
                "Params" => dictionary! { "Size" => f.data.len() as i64 },
            },
            f.data.to_vec(),
        );
        // A PDF is compressed already, mostly; zlib costs little and
        // saves what its uncompressed parts take.
        let _ = stream.compress();
        let file = lo.add_object(stream);
        let spec = lo.add_object(dictionary! {
            "Type" => "Filespec",
            "F" => text(name),
            "UF" => text(name),
            "Desc" => text(&f.description),
            "EF" => dictionary! { "F" => file, "UF" => file },
        });
        names.push(text(name));
        names.push(Object::Reference(spec));
    }
    let tree = lo.add_object(dictionary! { "Names" => names });
    let catalog = lo.catalog_mut()?;
    catalog.set(
        "Names",
        dictionary! { "EmbeddedFiles" => Object::Reference(tree) },
    );
    Ok(())
}
