//! The PDF file's bytes. Dictionaries and arrays (pages, structure
//! elements, annotations: thousands in a long plan) are packed into
//! deflated object streams indexed by a cross-reference stream (PDF 1.5);
//! streams (page contents, fonts, pictures) are written as they are, the
//! few not yet deflated (fonts) deflated on the way.
//!
//! lopdf can write object streams too, but it clones every object and
//! serialises each one three times, then deflates on one thread: a fifth
//! of a whole export. Here each object is serialised once, and the object
//! streams are built and deflated on two threads while the streams are
//! copied out.

use std::fmt::Write as _;
use std::io::Write as _;

use lopdf::{Dictionary, Document, Object, Stream, StringFormat};

use super::deflate;

/// Objects per object stream: larger streams deflate better; a reader
/// inflates a whole stream to reach one object in it.
const OBJECTS_PER_STREAM: usize = 500;

/// Trailer keys this writer sets itself; any others (Root, Info, ID) are
/// copied from the document's trailer.
const OWN_TRAILER_KEYS: [&[u8]; 9] = [
    b"Size",
    b"Type",
    b"W",
    b"Index",
    b"Filter",
    b"DecodeParms",
    b"Length",
    b"Prev",
    b"XRefStm",
];

/// Where an object is found: at a byte offset, or as the n-th object of
/// an object stream.
#[derive(Clone, Copy)]
enum Entry {
    Free,
    At { offset: u64, generation: u16 },
    Packed { stream: u32, index: u16 },
}

/// One object stream: its objects' numbers and its deflated content.
struct Packed {
    ids: Vec<u32>,
    first: usize,
    content: Vec<u8>,
}

/// The whole file for `lo`, at its version (at least 1.5, for object
/// streams). Time and memory are linear in the document's size.
pub(super) fn write(lo: &Document) -> Vec<u8> {
    let mut packable = Vec::new();
    let mut direct = Vec::new();
    for (&(id, generation), object) in &lo.objects {
        // Streams, and objects of a later generation, cannot be packed.
        if generation == 0 && !matches!(object, Object::Stream(_)) {
            packable.push((id, object));
        } else {
            direct.push((id, generation, object));
        }
    }
    let chunks: Vec<_> = packable.chunks(OBJECTS_PER_STREAM).collect();
    let (theirs, ours) = chunks.split_at(chunks.len() / 2);

    let mut out = Vec::with_capacity(direct_size(&direct) + packable.len() * 40);
    let version = if lo.version.as_str() < "1.5" {
        "1.5"
    } else {
        &lo.version
    };
    // The comment of four bytes above 127 marks the file as binary.
    writeln!(out, "%PDF-{version}").expect("writing to memory");
    out.extend_from_slice(b"%\xe2\xe3\xcf\xd3\n");
    let max_id = lo.max_id.max(packable.last().map_or(0, |p| p.0));
    let max_id = direct.iter().map(|d| d.0).fold(max_id, u32::max);
    let mut entries = vec![Entry::Free; max_id as usize + 1];

    let packed = std::thread::scope(|s| {
        let other = (!theirs.is_empty()).then(|| s.spawn(|| pack_all(theirs)));
        for &(id, generation, object) in &direct {
            entries[id as usize] = Entry::At {
                offset: out.len() as u64,
                generation,
            };
            indirect(&mut out, id, generation, object);
        }
        let mut packed = other.map_or_else(Vec::new, |t| {
            t.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
        });
        packed.extend(pack_all(ours));
        packed
    });

    for (number, stream) in (max_id + 1..).zip(packed) {
        for (index, &id) in stream.ids.iter().enumerate() {
            entries[id as usize] = Entry::Packed {
                stream: number,
                // At most OBJECTS_PER_STREAM objects per stream.
                index: index as u16,
            };
        }
        let mut dict = Dictionary::new();
        dict.set("Type", "ObjStm");
        dict.set("N", stream.ids.len() as i64);
        dict.set("First", stream.first as i64);
        dict.set("Filter", "FlateDecode");
        entries.push(Entry::At {
            offset: out.len() as u64,
            generation: 0,
        });
        write_stream(&mut out, number, 0, &dict, &stream.content);
    }
    xref_stream(&mut out, lo, entries);
    out
}

/// Bytes the direct objects' streams take, to size the output once.
fn direct_size(direct: &[(u32, u16, &Object)]) -> usize {
    direct
        .iter()
        .map(|(_, _, o)| match o {
            Object::Stream(s) => s.content.len() + 200,
            _ => 100,
        })
        .sum()
}

fn pack_all(chunks: &[&[(u32, &Object)]]) -> Vec<Packed> {
    chunks.iter().map(|c| pack(c)).collect()
}

/// An object stream of `objects`: the index of number–offset pairs, then
/// the objects, deflated.
fn pack(objects: &[(u32, &Object)]) -> Packed {
    let mut index = String::new();
    let mut body = Vec::new();
    for &(id, object) in objects {
        write!(index, "{id} {} ", body.len()).expect("writing to memory");
        serialise(&mut body, object);
        body.push(b'\n');
    }
    let first = index.len();
    let mut content = index.into_bytes();
    content.append(&mut body);
    Packed {
        ids: objects.iter().map(|o| o.0).collect(),
        first,
        content: deflate(&content),
    }
}

fn indirect(out: &mut Vec<u8>, id: u32, generation: u16, object: &Object) {
    if let Object::Stream(stream) = object {
        match deflated(stream) {
            Some(packed) => {
                let mut dict = stream.dict.clone();
                dict.set("Filter", "FlateDecode");
                write_stream(out, id, generation, &dict, &packed);
            }
            None => write_stream(out, id, generation, &stream.dict, &stream.content),
        }
        return;
    }
    writeln!(out, "{id} {generation} obj").expect("writing to memory");
    serialise(out, object);
    out.extend_from_slice(b"\nendobj\n");
}

/// A stream not yet compressed, deflated, if that makes it smaller: the
/// font programs and their ToUnicode maps (page contents and pictures are
/// deflated as they are made). The XMP packet stays as it is, readable to
/// tools that do not inflate it.
fn deflated(stream: &Stream) -> Option<Vec<u8>> {
    let metadata = stream
        .dict
        .get(b"Type")
        .is_ok_and(|t| t.as_name().ok() == Some(b"Metadata".as_slice()));
    if stream.dict.has(b"Filter") || metadata {
        return None;
    }
    let packed = deflate(&stream.content);
    (packed.len() < stream.content.len()).then_some(packed)
}

/// A stream object; its /Length is the content's, whatever the dictionary
/// said.
fn write_stream(out: &mut Vec<u8>, id: u32, generation: u16, dict: &Dictionary, content: &[u8]) {
    writeln!(out, "{id} {generation} obj").expect("writing to memory");
    stream_dictionary(out, dict, content.len());
    out.extend_from_slice(b"stream\n");
    out.extend_from_slice(content);
    out.extend_from_slice(b"\nendstream\nendobj\n");
}

fn stream_dictionary(out: &mut Vec<u8>, dict: &Dictionary, length: usize) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter().filter(|(k, _)| k.as_slice() != b"Length") {
        entry(out, key, value);
    }
    write!(out, "/Length {length}>>").expect("writing to memory");
}

/// The cross-reference stream, the trailer it carries, and the file's end.
fn xref_stream(out: &mut Vec<u8>, lo: &Document, mut entries: Vec<Entry>) {
    let id = entries.len() as u32;
    let start = out.len() as u64;
    entries.push(Entry::At {
        offset: start,
        generation: 0,
    });
    // Field widths: the type; the offset or the object stream's number (as
    // many bytes as the largest needs); the generation or the index.
    let widest = entries
        .iter()
        .map(|e| match *e {
            Entry::Free => 0,
            Entry::At { offset, .. } => offset,
            Entry::Packed { stream, .. } => u64::from(stream),
        })
        .max()
        .unwrap_or(0);
    let width = (8 - widest.leading_zeros() as usize / 8).max(1);
    let mut table = Vec::with_capacity(entries.len() * (width + 3));
    for e in &entries {
        let (kind, field, extra) = match *e {
            // The free list's head, object 0, has generation 65535.
            Entry::Free => (0u8, 0u64, if table.is_empty() { 65535 } else { 0 }),
            Entry::At { offset, generation } => (1, offset, generation),
            Entry::Packed { stream, index } => (2, u64::from(stream), index),
        };
        table.push(kind);
        table.extend_from_slice(&field.to_be_bytes()[8 - width..]);
        table.extend_from_slice(&extra.to_be_bytes());
    }
    let table = deflate(&table);

    let mut dict = Dictionary::new();
    for (key, value) in lo.trailer.iter() {
        if !OWN_TRAILER_KEYS.contains(&key.as_slice()) {
            dict.set(key.clone(), value.clone());
        }
    }
    dict.set("Type", "XRef");
    dict.set("Size", i64::from(id) + 1);
    dict.set(
        "W",
        vec![
            Object::Integer(1),
            Object::Integer(width as i64),
            Object::Integer(2),
        ],
    );
    dict.set("Filter", "FlateDecode");
    write_stream(out, id, 0, &dict, &table);
    write!(out, "startxref\n{start}\n%%EOF\n").expect("writing to memory");
}

/// One object, as PDF syntax. Nesting is as deep as the document's own
/// objects, which this crate builds.
fn serialise(out: &mut Vec<u8>, object: &Object) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(true) => out.extend_from_slice(b"true"),
        Object::Boolean(false) => out.extend_from_slice(b"false"),
        Object::Integer(i) => write!(out, "{i}").expect("writing to memory"),
        // Display never uses an exponent, which PDF has no syntax for.
        Object::Real(r) if r.is_finite() => write!(out, "{r}").expect("writing to memory"),
        Object::Real(_) => out.push(b'0'),
        Object::Name(name) => write_name(out, name),
        Object::String(text, StringFormat::Literal) => literal(out, text),
        Object::String(text, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for byte in text {
                write!(out, "{byte:02X}").expect("writing to memory");
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 && needs_space(item) {
                    out.push(b' ');
                }
                serialise(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => {
            out.extend_from_slice(b"<<");
            for (key, value) in dict.iter() {
                entry(out, key, value);
            }
            out.extend_from_slice(b">>");
        }
        // A stream is always an indirect object of its own; lopdf's model
        // allows one inside another object, which no reader would accept,
        // so only its dictionary is written there.
        Object::Stream(stream) => {
            stream_dictionary(out, &stream.dict, stream.content.len());
        }
        Object::Reference((id, generation)) => {
            write!(out, "{id} {generation} R").expect("writing to memory")
        }
    }
}

fn entry(out: &mut Vec<u8>, key: &[u8], value: &Object) {
    write_name(out, key);
    if needs_space(value) {
        out.push(b' ');
    }
    serialise(out, value);
}

/// Whether an object must be kept apart from what precedes it by a space:
/// those that do not begin with a delimiter.
fn needs_space(object: &Object) -> bool {
    matches!(
        object,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

/// A name; white space, delimiters, `#` and bytes outside `!`–`~` are
/// written as `#xx`.
fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &byte in name {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&byte) || !(b'!'..=b'~').contains(&byte) {
            write!(out, "#{byte:02X}").expect("writing to memory");
        } else {
            out.push(byte);
        }
    }
}

/// A literal string. Every parenthesis and backslash is escaped (always
/// valid, and linear: no search for the unbalanced ones), and a carriage
/// return too, which a reader would otherwise take as a line end.
fn literal(out: &mut Vec<u8>, text: &[u8]) {
    out.push(b'(');
    for &byte in text {
        match byte {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', byte]),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(byte),
        }
    }
    out.push(b')');
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;
    use lopdf::xref::XrefEntry;
    use proptest::prelude::*;

    fn round_trip(lo: &Document) -> Document {
        let bytes = write(lo);
        Document::load_mem(&bytes).expect("lopdf reads the file back")
    }

    /// Streams compare by dictionary (without /Length) and content.
    fn same(a: &Object, b: &Object) -> bool {
        match (a, b) {
            (Object::Stream(x), Object::Stream(y)) => {
                let strip = |d: &Dictionary| {
                    let mut d = d.clone();
                    d.remove(b"Length");
                    d
                };
                strip(&x.dict) == strip(&y.dict) && x.content == y.content
            }
            _ => a == b,
        }
    }

    #[test]
    fn every_kind_of_object_reads_back_as_written() {
        let mut lo = Document::with_version("1.7");
        let stream = Stream::new(
            dictionary! { "Length" => 999 },
            b"binary \x00\xff endstream (not the end)".to_vec(),
        );
        let stream = lo.add_object(stream);
        let objects = vec![
            Object::Null,
            Object::Boolean(true),
            Object::Boolean(false),
            Object::Integer(-42),
            Object::Real(0.1),
            Object::Real(-12345.5),
            Object::Name(b"A name with spaces/#(and delimiters)\xe9".to_vec()),
            Object::string_literal("unbalanced ) ( \\ \r\n and ((balanced))"),
            Object::String(vec![0, 0xfe, 0xff, b'('], StringFormat::Hexadecimal),
            Object::Array(vec![
                Object::Integer(1),
                Object::Integer(2),
                Object::Reference(stream),
                Object::Name(b"N".to_vec()),
                Object::Null,
                Object::Array(vec![]),
            ]),
            Object::Dictionary(dictionary! {
                "Type" => "StructElem",
                "K" => vec![Object::Integer(0), Object::Reference(stream)],
                "Alt" => Object::string_literal("A chart (rising)"),
                "Empty" => Dictionary::new(),
            }),
        ];
        let ids: Vec<_> = objects.into_iter().map(|o| lo.add_object(o)).collect();
        let back = round_trip(&lo);
        for id in ids.iter().chain([&stream]) {
            let (a, b) = (&lo.objects[id], back.get_object(*id).expect("present"));
            assert!(same(a, b), "{id:?}: wrote {a:?}, read {b:?}");
        }
    }

    #[test]
    fn many_objects_span_several_object_streams_and_keep_the_trailer() {
        let mut lo = Document::with_version("1.7");
        let ids: Vec<_> = (0..OBJECTS_PER_STREAM as i64 * 3 + 7)
            .map(|i| lo.add_object(dictionary! { "I" => i }))
            .collect();
        let catalog = lo.add_object(dictionary! { "Type" => "Catalog" });
        lo.trailer.set("Root", catalog);
        let bytes = write(&lo);
        let back = Document::load_mem(&bytes).expect("lopdf reads the file back");
        for (i, id) in ids.iter().enumerate() {
            let d = back.get_dictionary(*id).expect("present");
            assert_eq!(d.get(b"I").and_then(Object::as_i64).ok(), Some(i as i64));
        }
        assert_eq!(
            back.trailer.get(b"Root").ok(),
            Some(&Object::Reference(catalog))
        );
        // The cross-reference stream finds each object in its stream: a
        // reader that follows it (as qpdf does) finds the right one.
        let first_stream = lo.max_id + 1;
        for (i, id) in ids.iter().enumerate() {
            match back.reference_table.get(id.0) {
                Some(XrefEntry::Compressed { container, index }) => {
                    assert_eq!(*container, first_stream + (i / OBJECTS_PER_STREAM) as u32);
                    assert_eq!(*index as usize, i % OBJECTS_PER_STREAM);
                }
                other => panic!("object {id:?} is at {other:?}"),
            }
        }
        // 1,508 objects: four streams of at most 500.
        let streams = bytes.windows(12).filter(|w| w == b"/Type/ObjStm").count();
        assert_eq!(streams, 4);
    }

    proptest! {
        #[test]
        fn any_string_and_name_reads_back(text in proptest::collection::vec(any::<u8>(), 0..200),
                                          name in proptest::collection::vec(1u8.., 1..40)) {
            let mut lo = Document::with_version("1.7");
            let literal = lo.add_object(Object::String(text.clone(), StringFormat::Literal));
            let hex = lo.add_object(Object::String(text.clone(), StringFormat::Hexadecimal));
            let named = lo.add_object(Object::Name(name.clone()));
            let back = round_trip(&lo);
            prop_assert_eq!(back.get_object(literal).unwrap().as_str().unwrap(), &text[..]);
            prop_assert_eq!(back.get_object(hex).unwrap().as_str().unwrap(), &text[..]);
            prop_assert_eq!(back.get_object(named).unwrap().as_name().unwrap(), &name[..]);
        }
    }
}
