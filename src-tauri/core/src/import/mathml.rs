//! MathML kept readable: its `alttext` when it has one, else a linear form
//! of its content (`x^2`, `(a)/(b)`, `√(x)`), so an equation reads as text
//! instead of vanishing with the markup the sanitizer drops.

use dom_query::NodeRef;

/// The text a `<math>` element stands for.
pub fn linearize(math: &NodeRef) -> String {
    if let Some(alt) = math.attr("alttext").map(|a| a.trim().to_owned()).filter(|a| !a.is_empty()) {
        return alt;
    }
    let mut out = String::new();
    node(math, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn name(n: &NodeRef) -> String {
    let raw = n.node_name().map(|s| s.to_ascii_lowercase()).unwrap_or_default();
    raw.rsplit(':').next().unwrap_or("").to_owned()
}

fn elements<'a>(n: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    n.children().into_iter().filter(|c| c.is_element()).collect()
}

/// A child in parentheses when it is more than one token.
fn grouped(n: &NodeRef, out: &mut String) {
    let mut inner = String::new();
    node(n, &mut inner);
    let inner = inner.trim();
    if inner.chars().count() > 1 && !matches!(name(n).as_str(), "mi" | "mn" | "mo" | "mtext") {
        out.push('(');
        out.push_str(inner);
        out.push(')');
    } else {
        out.push_str(inner);
    }
}

fn node(n: &NodeRef, out: &mut String) {
    if n.is_text() {
        out.push_str(&n.text());
        return;
    }
    if !n.is_element() {
        return;
    }
    let kids = elements(n);
    match name(n).as_str() {
        "annotation" | "annotation-xml" | "none" | "mprescripts" => {}
        "semantics" => {
            if let Some(first) = kids.first() {
                node(first, out);
            }
        }
        "mfrac" if kids.len() == 2 => {
            grouped(&kids[0], out);
            out.push('/');
            grouped(&kids[1], out);
        }
        "msup" if kids.len() == 2 => {
            node(&kids[0], out);
            out.push('^');
            grouped(&kids[1], out);
        }
        "msub" if kids.len() == 2 => {
            node(&kids[0], out);
            out.push('_');
            grouped(&kids[1], out);
        }
        "msubsup" if kids.len() == 3 => {
            node(&kids[0], out);
            out.push('_');
            grouped(&kids[1], out);
            out.push('^');
            grouped(&kids[2], out);
        }
        "msqrt" => {
            out.push_str("√(");
            for k in &kids {
                node(k, out);
            }
            out.push(')');
        }
        "mroot" if kids.len() == 2 => {
            out.push_str("root(");
            node(&kids[1], out);
            out.push_str(", ");
            node(&kids[0], out);
            out.push(')');
        }
        "mo" => {
            out.push(' ');
            out.push_str(n.text().trim());
            out.push(' ');
        }
        "mtable" => {
            for (i, row) in kids.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                for (j, cell) in elements(row).iter().enumerate() {
                    if j > 0 {
                        out.push_str(", ");
                    }
                    node(cell, out);
                }
            }
        }
        _ => {
            for c in n.children() {
                node(&c, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lin(html: &str) -> String {
        let doc = dom_query::Document::from(html);
        let math = doc.select("math").nodes().first().cloned().unwrap();
        linearize(&math)
    }

    #[test]
    fn alttext_wins_and_structures_read_linearly() {
        assert_eq!(lin(r#"<p><math alttext="E = mc^2"><mi>E</mi></math></p>"#), "E = mc^2");
        assert_eq!(lin("<p><math><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mfrac><mi>a</mi><mrow><mi>b</mi><mo>+</mo><mn>1</mn></mrow></mfrac></math></p>"), "x^2 + a/(b + 1)");
        assert_eq!(lin("<p><math><msqrt><mi>y</mi></msqrt></math></p>"), "√(y)");
    }
}
