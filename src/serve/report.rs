//! The evaluation summary of a ward, for the council report: `GET
//! /api/wards/{ward}/summary.xlsx` and `.csv`, the same table as `mokuhyo export --summary`
//! (in the workbook, No., the counts and the 達成率 are numbers).

use super::auth::Signed;
use super::http::{Shared, blocking, find_ward, internal, not_found, refusal};
use crate::exchange::summary;
use crate::sheet::model;
use axum::body::Body;
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The formats the summary is given in.
#[derive(Clone, Copy)]
enum Format {
    Xlsx,
    Csv,
}

/// `GET /api/wards/{ward}/summary.xlsx`
pub async fn xlsx(state: Shared, ward: Path<String>, signed: Extension<Signed>) -> Response {
    answer(state, ward, signed, Format::Xlsx).await
}

/// `GET /api/wards/{ward}/summary.csv`
pub async fn csv(state: Shared, ward: Path<String>, signed: Extension<Signed>) -> Response {
    answer(state, ward, signed, Format::Csv).await
}

/// The planning section's, as the volume is: 403 for a division's account.
async fn answer(
    State(app): Shared,
    Path(ward): Path<String>,
    Extension(signed): Extension<Signed>,
    format: Format,
) -> Response {
    let lang = app.lang;
    if !signed.has_all() {
        return refusal(StatusCode::FORBIDDEN, lang, "web-forbidden-all");
    }
    let Some(ward) = find_ward(&app, &ward).await else {
        return not_found(lang);
    };
    let made = blocking(move || {
        let (loaded, _) = model::load_ward(&ward.dir);
        let loaded = loaded?;
        let rows = summary::rows(std::slice::from_ref(&loaded));
        let bytes = match format {
            Format::Xlsx => summary::to_xlsx(&rows),
            Format::Csv => summary::to_csv(&rows),
        };
        let label = crate::sheet::era::fiscal_year_label(loaded.fiscal_year).unwrap_or_default();
        Some((bytes, format!("評価集計_{}_{label}", loaded.name)))
    })
    .await;
    match made {
        Some(Some((Ok(bytes), name))) => file(bytes, &name, format),
        // `ward.toml` has errors: no ward to sum up.
        Some(None) => refusal(
            StatusCode::UNPROCESSABLE_ENTITY,
            lang,
            "web-summary-no-ward",
        ),
        _ => internal(lang),
    }
}

/// The file as a download, named in Japanese (`評価集計_東区_令和５年度.xlsx`).
fn file(bytes: Vec<u8>, name: &str, format: Format) -> Response {
    let (kind, extension) = match format {
        Format::Xlsx => (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        Format::Csv => ("text/csv; charset=utf-8", "csv"),
    };
    let name = format!("{name}.{extension}");
    let encoded = percent_encoding::utf8_percent_encode(&name, percent_encoding::NON_ALPHANUMERIC);
    let disposition =
        format!("attachment; filename=\"summary.{extension}\"; filename*=UTF-8''{encoded}");
    let mut response = Response::new(Body::from(bytes));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response.into_response()
}
