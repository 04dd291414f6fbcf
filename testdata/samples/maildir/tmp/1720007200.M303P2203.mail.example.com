Return-Path: <>
Date: Wed, 03 Jul 2024 11:46:40 +0000
From: Mail Delivery System <MAILER-DAEMON@out1.example.com>
To: news-bounces@example.com
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="md-tmp-3"

--md-tmp-3
Content-Type: message/delivery-status

Reporting-MTA: dns; out1.example.com

Final-Recipient: rfc822; still-being-written@example.org
Action: failed
Status: 5.1.1
