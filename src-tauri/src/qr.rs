//! QR code of a device link ("suojaa lisää laitteita"), as SVG markup.

use crate::error::{Error, Result};
use portal_api::ErrorCode;
use qrcode::render::svg;
use qrcode::QrCode;

pub fn svg(text: &str) -> Result<String> {
    let code = QrCode::new(text.as_bytes())
        .map_err(|e| Error::new(ErrorCode::Internal, format!("qr: {e}")))?;
    Ok(code
        .render::<svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build())
}

#[cfg(test)]
mod tests {
    #[test]
    fn renders_svg() {
        let s = super::svg("https://example.fi/device/ABC").unwrap();
        assert!(
            s.starts_with("<?xml") || s.starts_with("<svg"),
            "{}",
            &s[..40]
        );
        assert!(s.contains("<svg"));
    }
}
