#!/usr/bin/env bash
# Builds the example record of the 2025 talks with `accord plan`, from the sourced facts
# (the [Sn] tags are the sources listed in data/peace-plan-2025.yaml and the facts file).
#
#   data/make-example-record.sh path/to/accord path/to/record.db
#
# The record starts from the embedded model, whose 27 points are the 28-point text of
# 20 Nov 2025 (two leaked points share one model point). The versions follow the public
# drafts: 28 points -> 19 after Geneva -> 27 taken to Moscow -> 20 presented in Kyiv, each
# as a draft of the model's points where they map. No official text of any version was
# published: the 27-point text is unknown and is recorded as the 19-point draft tabled
# again. Stances are only those a public statement supports, each with its source in the
# note; a statement the facts give no date for is dated with the version it answers.
# Everything else stays "not-discussed": the record shows how little is on the record.
set -euo pipefail
ACCORD=${1:?usage: $0 path/to/accord path/to/record.db}
DB=${2:?usage: $0 path/to/accord path/to/record.db}
[ -e "$DB" ] && { echo "$0: $DB exists; remove it first" >&2; exit 1; }

plan() { "$ACCORD" plan "$@" >/dev/null; }

plan init "$DB" --model @default

# ---- versions --------------------------------------------------------------------------
plan draft "$DB" --from @default --date 2025-11-20 \
  --note "28 points, leaked 20 Nov; approved by Trump [S1], [S3]"

plan draft "$DB" --date 2025-11-23 \
  --note "19 points after Geneva (FT) [S10]; territory and NATO left for the leaders [S11], [S12]" \
  --drop amnesty \
  --drop us_russia_economic \
  --set army_cap=800k \
  --set nato_membership=separate_track \
  --set eu_accession=separate_track
# amnesty: "not part of these 19 points" (Stefanishyna) [S21]; US-Russia clauses reported
# removed (Washington Post, weak) [S31]; army cap 800,000 [S19], [S20]; EU/NATO to a
# separate track [S12].

plan draft "$DB" --date 2025-12-02 \
  --note "27 points in four packages taken to Moscow by Witkoff [S14], [S15]; text unpublished, recorded as the previous draft"

plan draft "$DB" --date 2025-12-24 \
  --note "20 points presented by Zelensky 23-24 Dec [S16], [S17], [S18]" \
  --set security_guarantee=art5_us_europe \
  --set eu_accession=fixed_date \
  --set reconstruction=prosperity_800bn \
  --set znpp=trilateral_us_operator \
  --set elections=asap_after_signing \
  --set recognition=none \
  --drop g8_return \
  --drop frozen_assets \
  --merge donbas,south_line,other_regions,recognition=territory \
  --title "Territory (point 14): the troop line on signing as the de facto line" \
  --option ukraine
# guarantee "mirroring Article 5" [S16], [S18]; EU accession by a fixed date, $800bn
# prosperity plan [S17], [S25]; ZNPP: US proposal of about 33% each, US operator [S28];
# elections as soon as possible after signing [S30]; de jure recognition dropped [S22];
# G8 return and asset split absent from the published 20 points (weak) [S31]; territory
# is one point, the troop line on the signing date as the de facto line [S23], [S24].

# ---- meetings ----------------------------------------------------------------------------
meet() { plan meeting "$DB" --date "$1" --place "$2" --parties "$3" --note "$4"; }
meet 2025-08-15 Anchorage us,ru "Trump-Putin, about 3 h, no ceasefire [S56], [S69]"
meet 2025-11-22 "Johannesburg (G20)" eu "European statement: 'a basis which will require additional work' [S48]"
meet 2025-11-23 Geneva us,ua,eu "US-Ukraine talks with E3/EU/Italy advisers [S10], [S70]"
meet 2025-11-24 "Abu Dhabi" us,ru "24-25 Nov: Driscoll meets a Russian delegation [S71]"
meet 2025-11-30 "Hallandale Beach (Miami)" us,ua "Rubio/Witkoff/Kushner-Umerov [S72]"
meet 2025-12-02 Moscow us,ru "Putin-Witkoff-Kushner, about 5 h [S15]"
meet 2025-12-04 Miami us,ua "4-5 Dec: US-Ukraine (Umerov, Hnatov) [S73]"
meet 2025-12-14 Berlin us,ua,eu "14-15 Dec: US officials: 'could be 90%' [S33], [S53]"
meet 2025-12-18 Brussels eu "18-19 Dec: EUR 90bn EU loan [S64]"
meet 2025-12-19 Miami us,ua,eu "19-21 Dec: Ukraine and E3 [S74]"
meet 2025-12-19 Miami us,ru "19-21 Dec: separately, Dmitriev [S74]"
meet 2025-12-23 Kyiv ua "23-24 Dec: the 20 points presented [S16]"
meet 2025-12-28 Mar-a-Lago us,ua "Trump-Zelensky: 'close to 95%' (Trump), 90% (Zelensky) [S51], [S54]"
meet 2025-12-28 "(telephone)" us,ru "Trump-Putin call [S51]"
meet 2026-01-06 Paris us,ua,eu "Coalition of the Willing declaration, 35 states [S49]"
meet 2026-01-22 Davos us,ua "Trump-Zelensky; guarantee text final but unsigned [S75], [S76]"
meet 2026-01-22 Moscow us,ru "Putin-Witkoff-Kushner, about 4 h [S45]"
meet 2026-01-23 "Abu Dhabi" us,ua,ru "23-24 Jan: first trilateral [S77]"
meet 2026-02-04 "Abu Dhabi" us,ua,ru "4-5 Feb: second trilateral, POW swap [S68], [S78]"

# ---- public stances ----------------------------------------------------------------------
st() { plan stance "$DB" --version "$1" --party "$2" --point "$3" --stance "$4" --date "$5" --note "$6"; }
# on the 28 points
st 1 eu army_cap criticise 2025-11-22 "concern about limits on the army [S48]"
st 1 eu donbas criticise 2025-11-22 "borders must not change by force [S48]"
st 1 eu frozen_assets reject 2025-11-23 "E3 counter-draft: frozen until Russia compensates Ukraine [S19]"
st 1 eu security_guarantee criticise 2025-11-23 "E3 counter-draft adds an Article-5-like US guarantee [S19]"
st 1 ru south_line reject 2025-11-20 "Lavrov (per ISW) rejected the Zaporizhzhia/Kherson freeze [S41]; undated"
st 1 ru znpp reject 2025-11-20 "Lavrov (per ISW) rejected IAEA control of the ZNPP [S41]; undated"
st 1 ru security_guarantee reject 2025-11-20 "Lavrov (per ISW) rejected guarantees for Ukraine [S41]; undated"
# on the 27 points taken to Moscow
st 3 ru donbas agree 2025-12-04 "Putin: 'no compromise' on territory; the draft gives Russia Donbas [S14], [S40]"
st 3 ru ceasefire criticise 2025-12-12 "Ushakov: no ceasefire before Ukraine leaves Donbas [S42]"
st 3 ua donbas reject 2025-12-15 "refuses to cede territory Russia has not captured [S37]"
st 3 ua nato_membership agree 2025-12-15 "gave up the NATO bid in exchange for guarantees [S37]"
# on the 20 points
st 4 ua znpp reject 2025-12-24 "three-way control of the ZNPP 'unfair' [S28]"
st 4 ru army_cap reject 2025-12-26 "Ryabkov: Moscow wants tighter army limits [S43]"
st 4 ua security_guarantee agree 2025-12-28 "Zelensky: US-Ukraine guarantees 100% agreed [S51], [S54]"
st 4 ua territory agree 2025-12-24 "'we stand where we stand' [S27], [S50]"
st 4 eu army_cap agree 2026-01-06 "Paris Declaration: an 800,000-strong army [S46], [S49]"
st 4 ru territory reject 2026-01-22 "no settlement without territory 'according to the Anchorage formula' [S45]"
st 4 ru foreign_troops agree 2026-01-22 "rejects Western troops; the draft has none [S46]"

echo "example record written to $DB" >&2
