// The portal's password rule (portal_api::password_strength), shown while typing a new
// password (Password.svelte, ResetPassword.svelte): 10–256 characters; of lower case,
// upper case, digits and other characters, 2 kinds = fair, 3 or more = good (strong from
// 14 characters). Weak and fair are refused.
export type Strength = "weak" | "fair" | "good" | "strong";

export function strengthOf(pw: string): Strength {
  const len = [...pw].length;
  const kinds = [/\p{Ll}/u, /\p{Lu}/u, /[0-9]/, /[^\p{L}\p{N}]/u].filter((re) => re.test(pw)).length;
  if (len < 10 || len > 256 || kinds < 2) return "weak";
  if (kinds < 3) return "fair";
  return len >= 14 ? "strong" : "good";
}
