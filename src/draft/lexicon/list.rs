//! One bit per list a word is in (shared with the build script, which sets them).

pub const CUE: u32 = 1;
/// A cue that counts only right by a quotation or a subject.
pub const CUE_WEAK: u32 = 1 << 1;
/// A verb that frames words without saying them (`called it "…"`).
pub const CUE_FRAME: u32 = 1 << 2;
/// `Mr`, `Dr`: the name after it is a person's.
pub const COURTESY: u32 = 1 << 3;
/// `Sir`, `Dame`: kept in the name.
pub const KEPT: u32 = 1 << 4;
/// A post written before a name (`President`, `coach`).
pub const OFFICE: u32 = 1 << 5;
/// A word of a role phrase before a name (`former`, `shadow`).
pub const MODIFIER: u32 = 1 << 6;
pub const PERSON_NOUN: u32 = 1 << 7;
pub const ORG_NOUN: u32 = 1 << 8;
pub const DOCUMENT: u32 = 1 << 9;
pub const FUNCTION: u32 = 1 << 10;
pub const COMMON: u32 = 1 << 11;
pub const FIRST_NAME: u32 = 1 << 12;
pub const ORG_WORD: u32 = 1 << 13;
pub const TEAM_WORD: u32 = 1 << 14;
pub const PLACE_WORD: u32 = 1 << 15;
pub const EVENT_WORD: u32 = 1 << 16;
pub const TIME_WORD: u32 = 1 << 17;
/// `American`, `Swedish`: capitalised, never a name.
pub const DEMONYM: u32 = 1 << 18;
/// `told`, `urged`: a cue whose object is the one spoken to (`told the BBC`).
pub const CUE_ADDRESSED: u32 = 1 << 19;
/// Any title: courtesy, kept, office or modifier.
pub const TITLE: u32 = COURTESY | KEPT | OFFICE | MODIFIER;
