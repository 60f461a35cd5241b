//! The speaker finder on small texts: how names are read (titles, lists, bodies).

use super::tests::speakers;

#[test]
fn a_plural_title_names_each_holder_apart() {
    let t = "Together, Senators Alvarez and Brandt represent a new generation.\n\nMr. Alvarez read the papers aloud so \"I would learn the language,\" Mr. Alvarez wrote.\n\n\"We will win,\" Mr. Brandt said.";
    assert_eq!(speakers(t), ["I would: Alvarez", "We will: Brandt"]);
}
