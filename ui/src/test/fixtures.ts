// Realistic data built from the generated wire types (ui/src/lib/bindings/api).
import type { CustomerDetails } from "../lib/bindings/api/CustomerDetails";
import type { CustomerServiceContact } from "../lib/bindings/api/CustomerServiceContact";
import type { ErrorBody } from "../lib/bindings/api/ErrorBody";
import type { OrderedService } from "../lib/bindings/api/OrderedService";
import type { ServiceList } from "../lib/bindings/api/ServiceList";
import type { AppInfo, Cached, DownloadStatus, PendingFeedback, PortalInfo, SessionInfo } from "../lib/types";

export const turvapaketti: OrderedService = {
  id: 11,
  product_id: "turvapaketti-5",
  name: { fi: "F-Secure Turvapaketti 5 laitteelle", en: "F-Secure Turvapaketti for 5 devices" },
  group: "security",
  group_name: { fi: "Tietoturvapalvelut", en: "Security services" },
  start_date: "2025-05-23",
  end_date: null,
  validity: "until_further_notice",
  status: "active",
  monthly_price_cents: 990,
  mix: null,
  security: {
    subscription_key: "ABCD-EFGH-JKLM-NPQR",
    devices_allowed: 5,
    devices_in_use: 3,
    device_link: "https://oma.ipp.fi/d/7f3a9c",
    installers: [
      {
        os: "linux",
        version: "19.4",
        file_name: "fsecure-safe-linux.bin",
        url: "/api/v1/installers/fsecure-safe-linux.bin",
        size: 10485760,
        sha256: "a".repeat(64),
      },
      {
        os: "windows",
        version: "19.4",
        file_name: "fsecure-safe-windows.exe",
        url: "/api/v1/installers/fsecure-safe-windows.exe",
        size: 20971520,
        sha256: "b".repeat(64),
      },
    ],
    manifest: { key_id: "demo-2026", payload: "e30=", signature: "AAAA" },
  },
  updates_available: [],
};

export const mixPackage: OrderedService = {
  id: 12,
  product_id: "tv-mix-5",
  name: { fi: "MIX-paketti 5 kanavaa", en: "MIX package, 5 channels" },
  group: "tv",
  group_name: { fi: "TV-kanavat", en: "TV channels" },
  start_date: "2026-06-01",
  end_date: "2026-11-24",
  validity: "fixed_term",
  status: "ending_soon",
  monthly_price_cents: 1490,
  mix: null,
  security: null,
  updates_available: [],
};

export const endedChannel: OrderedService = {
  id: 13,
  product_id: "sport-hd",
  name: { fi: "Urheilukanava HD", en: "Sports channel HD" },
  group: "tv",
  group_name: { fi: "TV-kanavat", en: "TV channels" },
  start_date: "2025-01-01",
  end_date: "2025-12-31",
  validity: "fixed_term",
  status: "ended",
  monthly_price_cents: 0,
  mix: null,
  security: null,
  updates_available: [],
};

export const serviceList: ServiceList = {
  services: [turvapaketti, mixPackage, endedChannel],
  monthly_total_cents: 2480,
  as_of: "2026-11-14",
};

export function cached<T>(data: T, minutesAgo: number, fromCache: boolean): Cached<T> {
  return { data, fetched_at: new Date(Date.now() - minutesAgo * 60_000).toISOString(), from_cache: fromCache };
}

export const appInfo: AppInfo = {
  version: "0.1.0",
  demo: false,
  portal_url: "https://oma.ipp.fi/",
  os: "linux",
  lang: "fi",
  demo_accounts: [],
  first_run: false,
  operator: {
    name: "IPP",
    portal_url: "https://oma.ipp.fi/",
    phone: "03 450 51",
    phone_e164: "+358345051",
    web: "https://oma.ipp.fi/",
  },
};

/** The first start: nothing chosen yet. */
export const firstRunInfo: AppInfo = { ...appInfo, first_run: true, portal_url: "" };

export const operatorPortal: PortalInfo = {
  kind: "operator",
  name: "IPP",
  url: "https://oma.ipp.fi/",
  key_fingerprints: ["4f1c2a9b8d7e6f50", "0a1b2c3d4e5f6071"],
  switchable: true,
};

export const demoPortal: PortalInfo = {
  kind: "demo",
  name: "",
  url: "http://127.0.0.1:43210",
  key_fingerprints: ["9e8d7c6b5a493827"],
  switchable: true,
};

export const signedOut: SessionInfo = { signed_in: false, email: null, remembered: false };
export const remembered: SessionInfo = { signed_in: false, email: "maija@example.fi", remembered: true };
export const signedIn: SessionInfo = { signed_in: true, email: "maija@example.fi", remembered: true };

export const customer: CustomerDetails = {
  customer_number: "100234",
  name: "Maija Meikäläinen",
  email: "maija@example.fi",
  phone: "040 123 4567",
  address: { street: "Hämeenkatu 1", postal_code: "33100", city: "Tampere" },
  customer_relationship_valid: true,
  billing_agreement_valid: true,
  pay_tv_card: null,
  order_blockers: [],
};

export const contact: CustomerServiceContact = {
  phone: "03 450 51",
  phone_e164: "+358345051",
  web_portal_url: "https://oma.ipp.fi/",
  opening_hours: { fi: "ma–pe 8–18", en: "Mon–Fri 8–18" },
  routes: [
    { topic: "billing", channel: "phone" },
    { topic: "termination", channel: "feedback_form" },
    { topic: "ordering", channel: "web_portal" },
  ],
};

export function download(partial: Partial<DownloadStatus>): DownloadStatus {
  return {
    service_id: turvapaketti.id,
    os: "linux",
    file_name: "fsecure-safe-linux.bin",
    received: 0,
    total: 10485760,
    state: "idle",
    error: null,
    seq: 0,
    ...partial,
  };
}

/** Feedback in the outbox: by default a termination notice the portal refused (its phone number). */
export function pendingFeedback(partial: Partial<PendingFeedback> = {}): PendingFeedback {
  return {
    local_id: "refused-1",
    created_at: "2026-11-12T09:05:00Z",
    request: {
      topic: "termination",
      message: "Haluan irtisanoa palvelun: MIX-paketti 5 kanavaa",
      contact_me: true,
      contact_email: null,
      contact_phone: "12345",
      service_id: mixPackage.id,
    },
    attention: errorBody("invalid_phone", { field: "contact_phone" }),
    ...partial,
  };
}

export function errorBody(code: ErrorBody["code"], extra: Partial<ErrorBody> = {}): ErrorBody {
  return { code, message: `${code} (developer text)`, ...extra };
}

import type { Catalogue } from "../lib/bindings/api/Catalogue";
import type { BillingSummary } from "../lib/bindings/api/BillingSummary";

export const catalogue: Catalogue = {
  groups: [
    { id: "tv", name: { fi: "TV-kanavat", en: "TV channels" } },
    { id: "security", name: { fi: "Tietoturvapalvelut", en: "Security services" } },
  ],
  products: [
    {
      id: "tv-mix-3",
      group: "tv",
      kind: "mix_package",
      name: { fi: "MIX-paketti 3 kanavaa", en: "MIX package, 3 channels" },
      description: { fi: "Valitse kolme kanavaa.", en: "Choose three channels." },
      monthly_price_cents: 1290,
      validity: "fixed_term",
      term_months: 12,
      requires_pay_tv_card: true,
      mix: { channel_count: 3, allowed_channels: ["yle", "mtv", "nelonen", "sub"] },
      devices_allowed: null,
      updates: [],
    },
    {
      id: "turvapaketti-10",
      group: "security",
      kind: "security",
      name: { fi: "F-Secure Turvapaketti 10 laitteelle", en: "F-Secure Turvapaketti for 10 devices" },
      description: { fi: "Suojaa koko perheen laitteet.", en: "Protects the whole family's devices." },
      monthly_price_cents: 1490,
      validity: "until_further_notice",
      term_months: null,
      requires_pay_tv_card: false,
      mix: null,
      devices_allowed: 10,
      updates: ["turvapaketti-5"],
    },
    {
      id: "turvapaketti-5",
      group: "security",
      kind: "security",
      name: { fi: "F-Secure Turvapaketti 5 laitteelle", en: "F-Secure Turvapaketti for 5 devices" },
      description: { fi: "Viisi laitetta.", en: "Five devices." },
      monthly_price_cents: 990,
      validity: "until_further_notice",
      term_months: null,
      requires_pay_tv_card: false,
      mix: null,
      devices_allowed: 5,
      updates: [],
    },
  ],
  channels: [
    { id: "yle", name: "Yle TV1" },
    { id: "mtv", name: "MTV3" },
    { id: "nelonen", name: "Nelonen" },
    { id: "sub", name: "Sub" },
  ],
};

export const billing: BillingSummary = {
  monthly_total_cents: 2480,
  groups: [
    { group: "security", name: { fi: "Tietoturvapalvelut", en: "Security services" }, total_cents: 990, service_count: 1 },
    { group: "tv", name: { fi: "TV-kanavat", en: "TV channels" }, total_cents: 1490, service_count: 1 },
  ],
  next_invoice_date: "2026-12-01",
  generated_at: "2026-11-14T08:00:00Z",
};
