// RepairDanglingXrefEntries: cairo 1.16 reserves object number 3 without ever writing it, yet lists
// it in the cross-reference table as in use, at the offset of another object (5). Viewers shrug
// (they seek by offset and read what is there), but PoDoFo 0.9.8 loads that object twice and then
// writes it twice, producing a file whose xref is off by one from object 5 on. This rewrites, in
// place, every in-use entry of the last classic xref table whose offset does not start the object
// it names into a free entry. Entries are fixed-width (20 bytes), so no offset moves.
// Files without a classic xref table at startxref (xref streams) are left unchanged.
// Pure function; thread-safe.
#pragma once

#include <string>

namespace sealpost::adapters::pdf {

// Returns how many entries were freed.
int RepairDanglingXrefEntries(std::string& pdf);

}  // namespace sealpost::adapters::pdf
