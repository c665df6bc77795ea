/**
 * The labels the triage models give, for checking what an agent may correct a label to.
 * `labels.test.ts` keeps the intents in step with models/intent.json.
 */
export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;

/** Each intent's category: the 27 Bitext intents, then Earshot's four social ones. */
export const INTENT_CATEGORIES: Readonly<Record<string, string>> = {
  cancel_order: 'ORDER',
  change_order: 'ORDER',
  change_shipping_address: 'SHIPPING_ADDRESS',
  check_cancellation_fee: 'CANCELLATION_FEE',
  check_invoice: 'INVOICE',
  check_payment_methods: 'PAYMENT',
  check_refund_policy: 'REFUND',
  complaint: 'FEEDBACK',
  contact_customer_service: 'CONTACT',
  contact_human_agent: 'CONTACT',
  create_account: 'ACCOUNT',
  delete_account: 'ACCOUNT',
  delivery_options: 'DELIVERY',
  delivery_period: 'DELIVERY',
  edit_account: 'ACCOUNT',
  get_invoice: 'INVOICE',
  get_refund: 'REFUND',
  newsletter_subscription: 'NEWSLETTER',
  payment_issue: 'PAYMENT',
  place_order: 'ORDER',
  recover_password: 'ACCOUNT',
  registration_problems: 'ACCOUNT',
  review: 'FEEDBACK',
  set_up_shipping_address: 'SHIPPING_ADDRESS',
  switch_account: 'ACCOUNT',
  track_order: 'ORDER',
  track_refund: 'REFUND',
  praise: 'SOCIAL',
  idea: 'SOCIAL',
  question: 'SOCIAL',
  other: 'SOCIAL',
};

export const INTENT_LABELS = Object.keys(INTENT_CATEGORIES);

/** What the author of a post is doing (triage's socialIntent), per social-intents/GUIDELINES.md. */
export const SOCIAL_INTENT_LABELS = ['complaint', 'question', 'praise', 'idea', 'other'] as const;
