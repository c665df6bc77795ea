// The words of the demo's generated history: templates with slots ({flight}, {route}, …) that
// the generator fills from the lists below. Everything here is invented.

/** What a customer's post is about, as the generator chose it (triage labels it on its own). */
export type PostKind = 'complaint' | 'question' | 'praise' | 'idea' | 'other';

export const slotValues: Record<string, readonly string[]> = {
  city: ['Denver', 'Seattle', 'Chicago', 'Boston', 'Austin', 'Portland', 'Phoenix', 'Atlanta'],
  airport: ['DEN', 'SEA', 'ORD', 'BOS', 'AUS', 'PDX', 'PHX', 'ATL', 'SFO', 'JFK'],
  hours: ['2', '3', '4', '5', '6'],
  minutes: ['35', '40', '50', '55', '70', '90'],
  days: ['3', '4', '5', '6', '9'],
  thing: ['seat', 'meal', 'upgrade', 'bag fee', 'Wi-Fi pass', 'priority boarding'],
  crew: ['crew', 'cabin crew', 'gate agent', 'pilot', 'flight attendants'],
};

/** `{flight}`, `{route}` and `{ref}` are made up per post; the rest come from slotValues. */
export const customerTemplates: Record<PostKind, readonly string[]> = {
  complaint: [
    '{brand} flight {flight} delayed {hours} hours and not a single update at the gate. Unacceptable.',
    'Been on hold with {brand} for {minutes} minutes about my cancelled {route} flight. Still nothing.',
    'My bag never made it to {city}. File {ref}, {days} days now. Where is it {brand}?',
    '{brand} charged me twice for the same {thing} on booking {ref}. I want my money back.',
    'The {brand} app logged me out and now my boarding pass for {flight} is gone. Terrible.',
    'Missed my connection in {city} because {flight} sat on the tarmac for {minutes} minutes. {brand} offered nothing.',
    'Paid for a {thing} on {flight} and never got it. Asked for a refund three times {brand}.',
    'Check-in line at {airport} took {minutes} minutes with one desk open. Do better {brand}.',
    '{brand} downgraded my seat on {route} without telling me. Booking {ref}. Not ok.',
    'Still waiting for the refund {brand} promised for {flight}, {days} weeks later.',
  ],
  question: [
    'Hi {brand}, can I bring a folding bike on {route}?',
    '{brand} how do I add a checked bag to booking {ref}?',
    'Does {brand} let you change the name on a ticket? Booking {ref}.',
    'Quick one {brand}: is there Wi-Fi on {flight}?',
    '{brand} what is the carry-on size limit on the regional jets out of {airport}?',
    'Can I pick seats for my kids on {route} before check-in opens {brand}?',
    'Hey {brand}, is {flight} on time today? The board at {airport} says nothing.',
    '{brand} do you have a lounge at {airport}? Flying {route} next week.',
  ],
  praise: [
    'Shoutout to the {brand} {crew} on {flight}, so kind to my elderly mum.',
    'Smooth flight {route} with {brand}, early arrival and great coffee.',
    '{brand} rebooked me in two minutes after my connection in {city} was cancelled. Impressed.',
    'The new {brand} cabin on {route} is lovely, legroom for days.',
    'Lost my phone on {flight} and the {brand} {crew} had it waiting at the gate. Thank you!',
    'Five stars. {brand} boarding at {airport} was the fastest I have seen.',
  ],
  idea: [
    '{brand} idea: let us pick seats for the whole family in one go in the app.',
    'Would love it if {brand} showed the inbound flight status for {flight} in the app.',
    '{brand} please add a bag tracker to the app, like other airlines have.',
    'Suggestion for {brand}: more power outlets at the {airport} gates.',
    'Idea for {brand}: let us choose a meal when booking {route}.',
  ],
  other: [
    'Flying {brand} to {city} tomorrow, anyone know a good breakfast spot near {airport}?',
    'Spotted a {brand} plane in the old livery at {airport} today.',
    'Booked {route} on {brand} for the holidays. Here we go.',
    'Reading about the new {brand} routes out of {city}.',
    'The {brand} safety video with the dog is still the best one.',
  ],
};

/** Seasonal trouble: posts that only come in the storm week or on the app outage day. */
export const stormComplaints: readonly string[] = [
  '{brand} cancelled {flight} because of the snow and the rebooking line is {hours} hours long.',
  'Stuck at {airport} overnight, {brand} has no hotel vouchers left. Storm or not, this is awful.',
  'Third cancellation in a row on {route}. {brand} when can we actually fly?',
  '{brand} your app says {flight} is on time, the gate says cancelled. Which is it?',
  'Slept on the floor at {airport}. {brand} please just tell us when the next flight is.',
];

export const outageComplaints: readonly string[] = [
  'Is the {brand} app down? Cannot check in for {flight}.',
  '{brand} website and app both down, boarding for {flight} in 30 minutes. Help.',
  'App crashes every time I open my booking {ref}. {brand} please fix.',
];

/** How agents answer each kind, signed with their initials as social teams do. */
export const replyTemplates: Record<PostKind, readonly string[]> = {
  complaint: [
    'We’re so sorry, {name}. Please DM us your booking reference and we’ll sort this out today.',
    'That is not the experience we want for you, {name}. We’ve sent you a DM to make it right.',
    'Sorry for the trouble, {name}. Your refund is on its way; it shows in 5–7 days.',
    'Apologies, {name}. We found your case and have escalated it to the station.',
  ],
  question: [
    'Hi {name}! Yes – you can do that under Manage booking in the app, or DM us and we’ll do it for you.',
    'Good question, {name}: you’ll find the details on our help page; DM us if anything is unclear.',
    'Hi {name}, we checked and your flight is on time. Have a great trip!',
  ],
  praise: [
    'Thank you, {name}! We’ll pass this on to the crew.',
    'This made our day, {name}. See you on board again soon!',
  ],
  idea: [
    'Love this, {name} – passed on to our product team.',
    'Thanks for the idea, {name}! We’ve shared it with the app team.',
  ],
  other: ['Enjoy the trip, {name}!', 'Thanks for flying with us, {name}!'],
};

export const firstNames = [
  'Alex',
  'Sam',
  'Jordan',
  'Taylor',
  'Priya',
  'Mateo',
  'Olivia',
  'Noah',
  'Emma',
  'Liam',
  'Aiko',
  'Chen',
  'Fatima',
  'Lucas',
  'Sofia',
  'Ivan',
  'Grace',
  'Omar',
  'Hannah',
  'Diego',
  'Mia',
  'Leo',
  'Nina',
  'Ethan',
  'Zoe',
  'Ravi',
  'Lena',
  'Marcus',
  'Yuki',
  'Amara',
];

export const lastNames = [
  'Smith',
  'Garcia',
  'Kim',
  'Nguyen',
  'Patel',
  'Müller',
  'Rossi',
  'Johnson',
  'Okafor',
  'Silva',
  'Brown',
  'Novak',
  'Lee',
  'Cohen',
  'Haddad',
  'Larsen',
  'Moreau',
  'Tanaka',
  'Wright',
  'Costa',
];
