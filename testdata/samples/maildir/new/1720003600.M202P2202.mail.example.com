Return-Path: <>
Date: Wed, 03 Jul 2024 10:46:40 +0000
From: Mail Delivery Subsystem <mailer-daemon@mx-out.example.net>
To: news-bounces@example.com
Subject: Delivery Status Notification (Failure)
Message-ID: <dsn.20240703104640.k7@mx-out.example.net>
MIME-Version: 1.0
Content-Type: multipart/report; boundary="md-new-2"; report-type=delivery-status

--md-new-2
Content-Type: text/plain; charset=UTF-8

Your message wasn't delivered to lee.park@example.net because the address
couldn't be found, or is unable to receive mail.

--md-new-2
Content-Type: message/delivery-status

Reporting-MTA: dns; mx-out.example.net
Arrival-Date: Wed, 03 Jul 2024 03:46:38 -0700

Final-Recipient: rfc822; lee.park@example.net
Action: failed
Status: 5.1.1
Remote-MTA: dns; inbound.example.net. (198.51.100.80, the server for the domain example.net.)
Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does
 not exist. Please try double-checking the recipient's email address for typos.
Last-Attempt-Date: Wed, 03 Jul 2024 03:46:40 -0700

--md-new-2
Content-Type: message/rfc822

Message-ID: <july-digest.20240703.0102@example.com>
Date: Wed, 03 Jul 2024 10:46:35 +0000
From: Example Digest <news@example.com>
To: lee.park@example.net
Subject: The July digest
X-Campaign-Id: digest-2024-07

Hello Lee,
the July digest is here.

--md-new-2--
