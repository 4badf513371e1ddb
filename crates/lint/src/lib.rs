//! Lint stage: checks of the documentation that do not change the generated models.

use graphgen_diag::Diagnostic;
use graphgen_parse::Page;
use graphgen_schema::Schema;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Runs every check. `sources` holds the decoded text of each page by path.
pub fn check(_pages: &[Page], _schema: &Schema, _sources: &BTreeMap<Arc<str>, String>) -> Vec<Diagnostic> {
    Vec::new()
}
