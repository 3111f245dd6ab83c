//! Exports: the composed [`crate::compose::Document`] written out as files.

pub mod chart;
pub mod docx;
#[cfg(test)]
mod fixtures;
pub mod html;
pub mod output;
pub mod pdf;
pub(crate) mod xml;
