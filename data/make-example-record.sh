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
# Where a source speaks in aggregate ("90% agreed", "some points acceptable, some not"),
# the comment above its stances says how it was mapped to points. Everything else stays
# "not-discussed". The mediator's stances are recorded too; they count in no progress.
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
  --set guarantee_term=15y \
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
# guarantee "mirroring Article 5" [S16], [S18], for 15 years, extendable, in the companion
# guarantee documents [S18], [S35]; EU accession by a fixed date, $800bn
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
# A stance is recorded only where a fact of the fact sheet supports it, with its tag in the
# note. Where a source speaks in aggregate, it is mapped to points by the rule stated next
# to it. Statements not mapped: Putin's 21 Nov "could form the basis" [S39] and Zelensky's
# 21 Nov "the loss of dignity, or the risk of losing a key partner" [S36] judge the whole
# text, not its points; US officials' "could be 90%" after Berlin [S53] came before the
# 20 points were tabled and names no points (it stays the Berlin meeting's note); Witkoff's
# "down to one issue" [S52] names none either (the Davos meeting's note). Lavrov said in
# Feb that Moscow had "not received" the 20 points [S47]: Russia's stances on them are its
# public statements, not a formal reply.
st() { plan stance "$DB" --version "$1" --party "$2" --point "$3" --stance "$4" --date "$5" --note "$6"; }

# -- version 1, the 28 points --
# Trump approved the 28 points [S3]: approving the text is read as the mediator agreeing to
# every point of it.
V1=(ceasefire non_aggression nato_expansion security_guarantee guarantee_term army_cap
    nato_membership foreign_troops eu_accession reconstruction frozen_assets sanctions g8_return
    us_russia_economic enforcement arms_control non_nuclear znpp minorities donbas south_line
    other_regions recognition dnipro_grain humanitarian elections amnesty)
for k in "${V1[@]}"; do st 1 us "$k" agree 2025-11-20 "Trump approved the 28 points [S3]"; done
# Europe, 22 Nov: "a basis which will require additional work" [S48], on the points it named.
st 1 eu army_cap criticise 2025-11-22 "concern about limits on the army [S48]"
st 1 eu donbas criticise 2025-11-22 "borders must not change by force [S48]"
st 1 eu recognition criticise 2025-11-22 "borders must not change by force [S48]"
st 1 eu eu_accession criticise 2025-11-22 "EU parts need the EU's consent [S48]"
st 1 eu nato_expansion criticise 2025-11-22 "NATO parts need the allies' consent [S48]"
st 1 eu nato_membership criticise 2025-11-22 "NATO parts need the allies' consent [S48]"
# Europe, 23 Nov: the E3 counter-draft [S19] rewrote these points.
st 1 eu army_cap criticise 2025-11-23 "E3 counter-draft: 800,000 instead of 600,000 [S19]"
st 1 eu donbas criticise 2025-11-23 "E3 counter-draft: territorial talks start from the line of contact [S19]"
st 1 eu frozen_assets reject 2025-11-23 "E3 counter-draft: frozen until Russia compensates Ukraine [S19]"
st 1 eu security_guarantee criticise 2025-11-23 "E3 counter-draft adds an Article-5-like US guarantee [S19]"
# Russia: Lavrov's rejections (per ISW) [S41], undated, so dated with the text they answer.
st 1 ru south_line reject 2025-11-20 "Lavrov (per ISW) rejected the Zaporizhzhia/Kherson freeze [S41]; undated"
st 1 ru znpp reject 2025-11-20 "Lavrov (per ISW) rejected IAEA control of the ZNPP [S41]; undated"
st 1 ru security_guarantee reject 2025-11-20 "Lavrov (per ISW) rejected guarantees for Ukraine [S41]; undated"
# Ukraine: the 600,000 cap is below what Zelensky calls the army's real strength (undated).
st 1 ua army_cap criticise 2025-11-20 "Zelensky: 800,000 is the 'real strength' today [S58]; undated"

# -- version 3, the 27 points passed to Moscow for review, and Moscow's feedback --
# Putin, 2-4 Dec: some points acceptable, some not, "no compromise" on territory [S14],
# [S40]. Mapping: "acceptable" is Donbas, where this draft (as recorded, the 28 points'
# withdrawal) gives what Putin sought at Anchorage [S56]; the facts name no other. "Not"
# is the points Lavrov rejected by name [S41] that this draft still has unchanged.
st 3 ru donbas agree 2025-12-04 "Putin: 'no compromise' on territory [S14], [S40]; the draft gives Russia Donbas, sought at Anchorage [S56]"
st 3 ru south_line reject 2025-12-04 "Putin: some points not acceptable [S14], [S40]; Lavrov rejected the freeze [S41]"
st 3 ru znpp reject 2025-12-04 "Putin: some points not acceptable [S14], [S40]; Lavrov rejected IAEA control [S41]"
st 3 ru security_guarantee reject 2025-12-04 "Putin: some points not acceptable [S14], [S40]; Lavrov rejected guarantees for Ukraine [S41]"
st 3 ru ceasefire criticise 2025-12-12 "Ushakov: no ceasefire before Ukraine leaves Donbas [S42]"
st 3 eu frozen_assets reject 2025-12-12 "EU froze about EUR 210bn of Russian assets indefinitely [S61]"
st 3 ua donbas reject 2025-12-15 "refuses to cede territory Russia has not captured [S37]"
st 3 ua nato_membership agree 2025-12-15 "gave up the NATO bid in exchange for guarantees [S37]"

# -- version 4, the 20 points --
# Zelensky at Mar-a-Lago, 28 Dec: the 20-point plan is 90% agreed, the US-Ukraine
# guarantees 100% [S51], [S54]. Mapping: 90% of 20 is 18 points, agreed on 28 Dec by
# Ukraine and the United States: every point but the two the facts name as unresolved
# between them, territory and the ZNPP [S18], [S51] (the guarantees they called "100%").
# On those two, each side's own statement: Ukraine rejects the three-way ZNPP split [S28]
# and holds to the line ("we stand where we stand" [S27], [S50]); the US proposed the split
# [S28] and floats a zone for Donetsk instead of the line [S26], [S27]. The guarantees'
# duration, the third unresolved point [S35], comes back the next day (below).
V4_AGREED=(ceasefire non_aggression nato_expansion guarantee_term army_cap nato_membership
           foreign_troops eu_accession reconstruction sanctions enforcement arms_control
           non_nuclear minorities dnipro_grain humanitarian elections)
for k in "${V4_AGREED[@]}"; do
  st 4 ua "$k" agree 2025-12-28 "Zelensky: the 20-point plan is 90% agreed [S51], [S54]"
  st 4 us "$k" agree 2025-12-28 "Zelensky: the 20-point plan is 90% agreed [S51], [S54]"
done
st 4 ua security_guarantee agree 2025-12-28 "Zelensky: US-Ukraine guarantees 100% agreed [S51], [S54]"
st 4 us security_guarantee agree 2025-12-28 "Zelensky: US-Ukraine guarantees 100% agreed; Trump: 'close to 95%' [S51], [S54]"
# A day later Ukraine asked for more than the term the US offered: a later stance, so the
# record's status counts it, and the log keeps both.
st 4 ua guarantee_term criticise 2025-12-29 "Ukraine seeks 30-50-year guarantees; the US offers 15 years [S35], [S57]"
st 4 us guarantee_term agree 2025-12-29 "the US offer: 15 years, extendable [S35]"
st 4 ua znpp reject 2025-12-24 "three-way control of the ZNPP 'unfair'; counters with a US-Ukraine venture [S28], [S29]"
st 4 us znpp agree 2025-12-24 "the US proposes about 33% each, the US as operator [S28]"
st 4 ua territory agree 2025-12-24 "'we stand where we stand' [S27], [S50]"
st 4 us territory criticise 2025-12-24 "the US floats a demilitarised or free economic zone in Donetsk [S26], [S27]"
# Europe: the guarantee is the one the E3 asked for; the line is where the E3 counter-draft
# starts territorial talks; the Paris Declaration sets the army, a force and monitoring.
st 4 eu security_guarantee agree 2025-12-24 "the Article-5-like guarantee of the E3 counter-draft [S19]; Merz: the Berlin offer 'truly remarkable' [S33]"
st 4 eu territory agree 2025-12-24 "E3 counter-draft: territorial talks start from the line of contact [S19]; no recognition [S22]"
st 4 eu army_cap agree 2026-01-06 "Paris Declaration: an 800,000-strong army [S46], [S49]"
st 4 eu foreign_troops criticise 2026-01-06 "Paris Declaration: a post-ceasefire multinational force [S46], [S49]"
st 4 eu enforcement criticise 2026-01-06 "Paris Declaration: US-led monitoring, not a US-Russia group [S46], [S49]"
# Russia. Ryabkov, 26 Dec: the 20 points are "radically different" from the 27, the
# "Anchorage framework" is "imperative"; Moscow wants tighter army limits and decisions on
# sanctions and assets [S43], [S44]. Mapping: "radically different" is criticism of every
# point the 20 points changed from the 27 (as recorded) on which no other Russian statement
# says more; the guarantee stays rejected, as Lavrov rejected any guarantee for Ukraine
# [S41]; Ushakov's ceasefire condition [S42] still holds against an unchanged point.
st 4 ru territory reject 2025-12-26 "Ryabkov: the 'Anchorage framework' is 'imperative' [S43], [S44]"
st 4 ru army_cap criticise 2025-12-26 "Ryabkov: Moscow wants tighter army limits [S43]"
st 4 ru sanctions criticise 2025-12-26 "Ryabkov: Moscow wants decisions on sanctions [S43]"
for k in guarantee_term eu_accession reconstruction znpp elections; do
  st 4 ru "$k" criticise 2025-12-26 "Ryabkov: the 20 points 'radically different' from the 27 [S43]; this point changed"
done
st 4 ru security_guarantee reject 2025-12-26 "Lavrov (per ISW) rejected guarantees for Ukraine [S41]; Ryabkov: 'radically different' [S43]"
st 4 ru ceasefire criticise 2025-12-26 "Ushakov: no ceasefire before Ukraine leaves Donbas [S42]; the point is unchanged"
st 4 ru territory reject 2026-01-22 "no settlement without territory 'according to the Anchorage formula' [S45]"
st 4 ru foreign_troops agree 2026-01-22 "rejects Western troops; the draft has none [S46]"

echo "example record written to $DB" >&2
