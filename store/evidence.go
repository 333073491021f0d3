package store

import (
	"context"
	"fmt"

	"github.com/apobot/apobot/bot"
	"github.com/apobot/apobot/store/seal"
)

// Evidence returns, for each customer message with a photo, whether the
// photo is kept and its findings, opened, oldest first.
func (db *DB) Evidence(ctx context.Context, convID int64) ([]bot.Evidence, error) {
	key, rows, err := db.sealedRows(ctx, convID, "from_bot = ? AND (photo IS NOT NULL OR scan_text IS NOT NULL)", false)
	if err != nil {
		return nil, err
	}
	out := make([]bot.Evidence, 0, len(rows))
	for _, m := range rows {
		ev := bot.Evidence{MessageID: m.ID, HasPhoto: len(m.Photo) > 0, At: m.CreatedAt}
		if len(m.ScanText) > 0 {
			rec, err := seal.Open(key, m.ScanText, fieldAD(convID, m.PlatformID, "scan"))
			if err != nil {
				return nil, fmt.Errorf("evidence: %w", err)
			}
			if ev.Findings, err = bot.ParseFindings(rec); err != nil {
				return nil, err
			}
		}
		out = append(out, ev)
	}
	return out, nil
}

// Photo opens the photo of message msgID; ENOTFOUND when there is none.
func (db *DB) Photo(ctx context.Context, convID, msgID int64) ([]byte, error) {
	key, rows, err := db.sealedRows(ctx, convID, "id = ? AND photo IS NOT NULL", msgID)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, bot.Errorf(bot.ENOTFOUND, "staff.photo_gone", nil)
	}
	m := rows[0]
	photo, err := seal.Open(key, m.Photo, fieldAD(convID, m.PlatformID, "photo"))
	if err != nil {
		return nil, fmt.Errorf("photo: %w", err)
	}
	return photo, nil
}
