//! The contract's input rules, in one place: the portal enforces them, and the
//! client, the CLI and the app check them before anything is queued, so a
//! message the portal would refuse is refused at once — online or offline —
//! with the field named.

use crate::{ErrorBody, ErrorCode, FeedbackRequest, FEEDBACK_MESSAGE_MAX_CHARS};

/// Longest accepted email address (RFC 5321 path limit).
pub const EMAIL_MAX_LEN: usize = 254;
/// Longest accepted phone number as typed (spaces and dashes included).
pub const PHONE_MAX_LEN: usize = 32;

/// A valid email address, trimmed; `invalid_email` naming `field` otherwise.
/// Needs a dotted domain name (no IP literals, no quoted local parts).
pub fn email(raw: &str, field: &str) -> Result<String, ErrorBody> {
    let bad = || {
        ErrorBody::new(ErrorCode::InvalidEmail, "the email address is not valid").with_field(field)
    };
    let email = raw.trim();
    if email.is_empty()
        || email.len() > EMAIL_MAX_LEN
        || email.chars().any(|c| c.is_whitespace() || c.is_control())
        || email.contains('"')
    {
        return Err(bad());
    }
    let parsed: email_address::EmailAddress = email.parse().map_err(|_| bad())?;
    let domain = parsed.domain();
    if !domain.contains('.')
        || domain.starts_with('[')
        || domain.ends_with('.')
        || !domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
    {
        return Err(bad());
    }
    Ok(email.to_string())
}

/// A Finnish phone number (national `040 123 4567` or E.164 `+358 40 123 4567`)
/// in E.164 form; `invalid_phone` naming `field` otherwise.
pub fn phone(raw: &str, field: &str) -> Result<String, ErrorBody> {
    let bad = || {
        ErrorBody::new(
            ErrorCode::InvalidPhone,
            "the phone number is not a valid Finnish number",
        )
        .with_field(field)
    };
    let s = raw.trim();
    if s.is_empty() || s.len() > PHONE_MAX_LEN {
        return Err(bad());
    }
    let number = phonenumber::parse(Some(phonenumber::country::Id::FI), s).map_err(|_| bad())?;
    if !phonenumber::is_valid(&number)
        || number.country().id() != Some(phonenumber::country::Id::FI)
    {
        return Err(bad());
    }
    Ok(number.format().mode(phonenumber::Mode::E164).to_string())
}

fn blank_to_none(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Feedback as the portal stores it: the message trimmed (1 to
/// [`FEEDBACK_MESSAGE_MAX_CHARS`] characters), blank contact fields dropped,
/// the email checked and the phone in E.164 form. The topic is an enum, so
/// an unknown one never decodes (`malformed_request`).
pub fn feedback(req: &FeedbackRequest) -> Result<FeedbackRequest, ErrorBody> {
    let message = req.message.trim();
    let len = message.chars().count();
    if len == 0 || len > FEEDBACK_MESSAGE_MAX_CHARS {
        return Err(ErrorBody::new(
            ErrorCode::MessageLength,
            format!("the message must have 1 to {FEEDBACK_MESSAGE_MAX_CHARS} characters"),
        )
        .with_field("message"));
    }
    let contact_email = blank_to_none(&req.contact_email)
        .map(|e| email(e, "contact_email"))
        .transpose()?;
    let contact_phone = blank_to_none(&req.contact_phone)
        .map(|p| phone(p, "contact_phone"))
        .transpose()?;
    Ok(FeedbackRequest {
        topic: req.topic,
        message: message.to_string(),
        contact_me: req.contact_me,
        contact_email,
        contact_phone,
        service_id: req.service_id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FeedbackTopic;

    fn request(message: &str, email: Option<&str>, phone: Option<&str>) -> FeedbackRequest {
        FeedbackRequest {
            topic: FeedbackTopic::Termination,
            message: message.into(),
            contact_me: true,
            contact_email: email.map(Into::into),
            contact_phone: phone.map(Into::into),
            service_id: None,
        }
    }

    #[test]
    fn phone_numbers_in_finnish_and_e164_forms() {
        for ok in [
            "040 123 4567",
            "+358 40 123 4567",
            "0401234567",
            "09 1234 567",
        ] {
            assert!(phone(ok, "p").is_ok(), "{ok}");
        }
        assert_eq!(phone(" 040-123 4567 ", "p").unwrap(), "+358401234567");
        for bad in ["123", "", "   ", "+46 70 123 45 67", "abc", &"4".repeat(40)] {
            let e = phone(bad, "contact_phone").unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidPhone, "{bad}");
            assert_eq!(e.field.as_deref(), Some("contact_phone"));
        }
    }

    #[test]
    fn email_addresses() {
        assert_eq!(
            email(" perhe@example.fi ", "e").unwrap(),
            "perhe@example.fi"
        );
        for bad in [
            "",
            "perhe",
            "perhe@localhost",
            "a@[127.0.0.1]",
            "\"a b\"@x.fi",
            "a@x.fi.",
        ] {
            let e = email(bad, "contact_email").unwrap_err();
            assert_eq!(e.code, ErrorCode::InvalidEmail, "{bad}");
            assert_eq!(e.field.as_deref(), Some("contact_email"));
        }
    }

    #[test]
    fn feedback_names_the_first_bad_field() {
        // The reproduction: a termination notice with phone "123".
        let e = feedback(&request(
            "Irtisanon laajakaistan 31.12.",
            Some("perhe@example.fi"),
            Some("123"),
        ))
        .unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::InvalidPhone, Some("contact_phone"))
        );
        let e = feedback(&request("  ", None, None)).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::MessageLength, Some("message"))
        );
        let long = "ä".repeat(FEEDBACK_MESSAGE_MAX_CHARS + 1);
        assert_eq!(
            feedback(&request(&long, None, None)).unwrap_err().code,
            ErrorCode::MessageLength
        );
        let e = feedback(&request("x", Some("nope"), None)).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_deref()),
            (ErrorCode::InvalidEmail, Some("contact_email"))
        );
    }

    #[test]
    fn feedback_is_normalized() {
        let max = "ä".repeat(FEEDBACK_MESSAGE_MAX_CHARS);
        let ok = feedback(&request(
            &format!(" {max} "),
            Some(" "),
            Some("040 123 4567"),
        ))
        .unwrap();
        assert_eq!(ok.message, max);
        assert_eq!(ok.contact_email, None);
        assert_eq!(ok.contact_phone.as_deref(), Some("+358401234567"));
    }
}
