INSERT INTO indicator (code, dimension, description_vi, description_en, confidence)
VALUES ('telecom', 'information', 'Không có thành viên sử dụng điện thoại di động hoặc internet',
        'No member uses a mobile phone or the internet', 'secondary');
INSERT INTO indicator (code, bit, dimension, description_vi, description_en, confidence)
VALUES ('telecom', 30, 'information', 'Không có thành viên sử dụng điện thoại di động hoặc internet',
        'No member uses a mobile phone or the internet', 'secondary');
SELECT code, bit, description_en, confidence, shipped, corrected FROM indicator WHERE code = 'telecom';
