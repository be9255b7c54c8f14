//! Publication date: marker, datelines in the usual French press forms, metadata, file name,
//! inference from the text, contradictions with a wrong marker.

use chronocarte::core::extract::published::{Published, detect};
use chronocarte::core::model::PublishedSource;

const BODY: &str = "Les deux dirigeants se sont entretenus longuement sur la situation en Syrie et sur les moyens de parvenir à une solution politique durable, a indiqué le Kremlin dans un communiqué.";

fn get(text: &str) -> Option<Published> {
    detect(text, "article.txt", None)
}

fn check(text: &str, iso: &str, source: PublishedSource) -> Published {
    let p = get(text).unwrap_or_else(|| panic!("no date for {text:?}"));
    assert_eq!(
        (p.value.iso().as_str(), p.source),
        (iso, source),
        "{text:?}"
    );
    p
}

#[test]
fn marker_alone() {
    let p = check(
        &format!(" date 2017-09 {BODY} Le 28 septembre, il a parlé."),
        "2017-09",
        PublishedSource::Marker,
    );
    assert!(p.warnings.is_empty());
    assert!(p.confidence >= 0.8);
}

#[test]
fn dateline_refines_marker_month() {
    let text = format!(
        " date 2018-04 {BODY} Le gouvernement n'a pas annoncé la reprise.(©AFP / 12 avril 2018 08h03)"
    );
    let p = check(&text, "2018-04-12", PublishedSource::Dateline);
    assert!(p.confidence > 0.9);
}

#[test]
fn publie_le_numeric_with_time() {
    check(
        &format!("Titre\nPublié le 12/03/2018 à 10h05\n{BODY}"),
        "2018-03-12",
        PublishedSource::Dateline,
    );
}

#[test]
fn publie_le_dots() {
    check(
        &format!("Titre\nPublié le 12.03.2018\n{BODY}"),
        "2018-03-12",
        PublishedSource::Dateline,
    );
}

#[test]
fn publie_le_spelled_out_with_time() {
    check(
        &format!("Syrie : accord\nPar AFP - Moscou\nPublié le 29 décembre 2018 - 14:26\n{BODY}"),
        "2018-12-29",
        PublishedSource::Dateline,
    );
}

#[test]
fn mis_a_jour_alone() {
    check(
        &format!("Titre\nMis à jour le 13 mars 2018 à 11h00\n{BODY}"),
        "2018-03-13",
        PublishedSource::Dateline,
    );
}

#[test]
fn publie_beats_mis_a_jour() {
    check(
        &format!(
            "Titre\nMis à jour le 14 mars 2018 à 11h00\nPublié le 12 mars 2018 à 09h00\n{BODY}"
        ),
        "2018-03-12",
        PublishedSource::Dateline,
    );
}

#[test]
fn newspaper_dateline() {
    check(
        &format!("Le Monde, 5 mars 2019\n\n{BODY}"),
        "2019-03-05",
        PublishedSource::Dateline,
    );
}

#[test]
fn newspaper_weekday_time_dateline() {
    check(
        &format!("Le Figaro, mardi 12 mars 2019 à 10h05\n{BODY}"),
        "2019-03-12",
        PublishedSource::Dateline,
    );
}

#[test]
fn weekday_dateline() {
    check(
        &format!("lundi 3 février 2020\n{BODY}"),
        "2020-02-03",
        PublishedSource::Dateline,
    );
}

#[test]
fn numeric_dotted_dateline() {
    check(
        &format!("12.03.2018\n{BODY}"),
        "2018-03-12",
        PublishedSource::Dateline,
    );
}

#[test]
fn iso_dateline() {
    check(
        &format!("2018-03-12\n{BODY}"),
        "2018-03-12",
        PublishedSource::Dateline,
    );
}

#[test]
fn file_name_dates() {
    let p = detect(BODY, "2018-06-08-newsbrief.txt", None).unwrap();
    assert_eq!(
        (p.value.iso().as_str(), p.source),
        ("2018-06-08", PublishedSource::File)
    );
    let p = detect(BODY, "brief_20180608.txt", None).unwrap();
    assert_eq!(p.value.iso(), "2018-06-08");
}

#[test]
fn metadata_iso_datetime() {
    let p = detect(BODY, "page.html", Some("2018-03-12T10:05:00+01:00")).unwrap();
    assert_eq!(
        (p.value.iso().as_str(), p.source),
        ("2018-03-12", PublishedSource::Metadata)
    );
}

#[test]
fn inferred_from_weekday_and_day_fixes_year() {
    let text = "Le terrorisme a commencé en mars 2011. Des pourparlers se sont tenus en janvier 2017. Les présidents organiseront ce jeudi 14 février un sommet à Sotchi.";
    let p = check(text, "2019-02", PublishedSource::Inferred);
    assert!(p.confidence < 0.8);
}

#[test]
fn inferred_latest_full_date() {
    let text = "Publié\n\nPoignée de mains à Moscou, le 22 octobre 2019, entre les deux présidents.\nLe Journal horaire / 42 sec. / le 12 février 2020 / une longue légende de vidéo pour ne pas être un titre.\nLes présidents ont parlé mercredi.";
    check(text, "2020-02-12", PublishedSource::Inferred);
}

#[test]
fn nothing_to_go_on() {
    assert_eq!(get("Rien de daté ici, seulement des mots."), None);
    assert_eq!(get(""), None);
}

#[test]
fn bare_years_are_not_a_publication_date() {
    assert_eq!(
        get("La guerre dure depuis 2011 et a fait des milliers de morts."),
        None
    );
}

#[test]
fn marker_contradicted_by_old_years_gets_a_warning() {
    let text = " date 2021-11 Les chefs des diplomaties ont entamé vendredi à Vienne des pourparlers. La guerre a fait plus de 250.000 morts depuis mars 2011.";
    let p = check(text, "2021-11", PublishedSource::Marker);
    assert!(p.confidence < 0.6, "confidence {}", p.confidence);
    assert!(!p.warnings.is_empty());
}

#[test]
fn marker_contradicted_by_weekday_prefers_the_text() {
    let text = " date 2021-10 L'organisation s'est emparée de la ville, capturée en mai 2015. Le régime a riposté mardi 2 juin, a indiqué l'OSDH, présente depuis 2011.";
    let p = check(text, "2015-06", PublishedSource::Inferred);
    assert!(
        p.warnings.iter().any(|w| w.contains("2021-10")),
        "{:?}",
        p.warnings
    );
}

#[test]
fn marker_agreeing_with_text_has_no_warning() {
    let text = " date 2018-06 Les forces kurdes ont déclaré mardi 5 juin qu'elles se retireraient de Manbij, après l'offensive de 2016.";
    let p = check(text, "2018-06", PublishedSource::Marker);
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn publication_line_beats_a_contradicted_marker() {
    let text = format!(" date 2021-10\nPublié le 21 mai 2015 à 10h00\n{BODY}");
    let p = check(&text, "2015-05-21", PublishedSource::Dateline);
    assert!(!p.warnings.is_empty());
}

#[test]
fn furniture_dates_are_ignored() {
    let story = format!("Titre\nPublié le 29 décembre 2018 - 14:26\n{BODY} {BODY} {BODY}\n");
    let tail = "Dessin de la semaine\n\nPortrait craché\nJeff Bezos veut devenir le Dark Vador\n04 mai 2024 - 13:17\nPolitique\n";
    check(
        &format!("{story}{tail}"),
        "2018-12-29",
        PublishedSource::Dateline,
    );
    let story = format!(
        "Titre\nSergueï Lavrov, le 28 novembre 2018 à Genève, en Suisse, lors d'une conférence.\n{BODY} {BODY} {BODY}\n"
    );
    check(
        &format!("{story}{tail}"),
        "2018-11-28",
        PublishedSource::Inferred,
    );
}

#[test]
fn tweet_dates_are_not_publication_dates() {
    let text = format!(
        "L'armée syrienne a annoncé ce 3 novembre 2017 que Daesh avait été chassé de la ville.\n{BODY}\nE. #Syria: footage https://t.co/abc\n— RT France (@RTenfrancais) 30 novembre 2017\n{BODY}"
    );
    check(&text, "2017-11-03", PublishedSource::Inferred);
}

#[test]
fn agency_lead_dateline() {
    check(
        &format!("Titre\nMOSCOU, 5 mars 2019 (AFP) - {BODY}"),
        "2019-03-05",
        PublishedSource::Dateline,
    );
}

#[test]
fn publie_in_prose_is_not_a_dateline() {
    let text = format!(" date 2019-06 L'ONU a publié le 5 mars 2019 un rapport accablant. {BODY}");
    check(&text, "2019-06", PublishedSource::Marker);
    let text =
        format!("L'ONU a publié le 5 mars 2019 un rapport accablant. Le 7 mai 2019, rien. {BODY}");
    check(&text, "2019-05-07", PublishedSource::Inferred);
}

#[test]
fn header_line_with_newspaper_and_publie() {
    check(
        &format!("Le Figaro | Publié le 5 mars 2019 à 10h05\n{BODY}"),
        "2019-03-05",
        PublishedSource::Dateline,
    );
}

#[test]
fn title_with_a_date_is_not_a_dateline() {
    let text = format!(
        "Attentat du 13 novembre 2015 : le procès s'ouvre\n{BODY} Le verdict est attendu le 29 juin 2022."
    );
    check(&text, "2022-06-29", PublishedSource::Inferred);
}

#[test]
fn undated_article_resolves_day_month_in_the_latest_named_year() {
    use chronocarte::core::extract::published::detect_with_dates;
    let text = "L'EI a repris Palmyre, qu'il avait occupée de mai 2015 jusqu'en mars 2016. L'offensive a été déclenchée le 8 décembre dernier. Le régime a riposté dimanche.";
    let (p, d) = detect_with_dates(text, "x.txt", None, &[]);
    assert_eq!(p, None);
    let got: Vec<String> = d.iter().map(|m| m.value.iso()).collect();
    assert_eq!(got, ["2015-05", "2016-03", "2016-12-08"]);
}

#[test]
fn undated_article_with_only_a_since_year_leaves_day_month_unresolved() {
    use chronocarte::core::extract::published::detect_with_dates;
    let text = "Le conflit ravage le pays depuis mars 2011. Un sommet se tiendra le 27 octobre à Istanbul.";
    let (p, d) = detect_with_dates(text, "x.txt", None, &[]);
    assert_eq!(p, None);
    let got: Vec<String> = d.iter().map(|m| m.value.iso()).collect();
    assert_eq!(got, ["2011-03"]);
}

#[test]
fn detect_with_dates_agrees_with_detect_and_flags_furniture() {
    use chronocarte::core::extract::furniture::furniture_ranges;
    use chronocarte::core::extract::published::detect_with_dates;
    let text = format!(
        "Titre\nPublié le 29 décembre 2018 - 14:26\n{BODY} Ils ont convenu samedi. {BODY} {BODY}\nDessin de la semaine\n04 mai 2024 - 13:17\n"
    );
    let furn = furniture_ranges(&text);
    let (p, d) = detect_with_dates(&text, "x.txt", None, &furn);
    assert_eq!(p, detect(&text, "x.txt", None));
    let flagged: Vec<(&str, bool)> = d.iter().map(|m| (m.text.as_str(), m.furniture)).collect();
    assert_eq!(
        flagged,
        [
            ("le 29 décembre 2018", false),
            ("samedi", false),
            ("04 mai 2024", true)
        ]
    );
}

#[test]
fn weekday_typo_in_a_recent_story_keeps_the_marker() {
    // 6 June 2018 was a Wednesday: "mardi 6 juin" is a typo, not a reason to move to 2017.
    let text = " date 2018-06 Les forces kurdes ont annoncé mardi 6 juin leur retrait, après l'offensive de 2016.";
    let p = check(text, "2018-06", PublishedSource::Marker);
    assert!(p.confidence < 0.9 && !p.warnings.is_empty());
}

#[test]
fn a_since_year_does_not_anchor_a_weekday() {
    // Only `depuis 2011` names a year: 2012 (Tuesday 5 June) would be a guess, not an inference.
    let text = "Les forces kurdes ont déclaré mardi 5 juin qu'elles se retireraient de Manbij. La guerre dure depuis 2011.";
    assert_eq!(get(text), None);
}
