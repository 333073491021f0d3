// Package plan proposes pickup times: the pharmacy's opening hours, its
// state's public holidays and days of its own, the wholesaler's delivery
// runs and the time staff need to put an order together. It knows nothing
// of chats or products: a Planner is asked with PZN-free items (in stock or
// not) and a moment, and answers with a time.
package plan
