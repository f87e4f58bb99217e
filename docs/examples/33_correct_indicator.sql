INSERT INTO indicator (code, dimension, description_vi, description_en, confidence)
VALUES ('telecom', 'information', 'Không có thành viên sử dụng điện thoại di động hoặc internet',
        'No member uses a mobile phone or the internet', 'secondary');
INSERT INTO indicator (code, bit, dimension, description_vi, description_en, confidence)
VALUES ('telecom', 10, 'information', 'Không có thành viên sử dụng điện thoại di động hoặc internet',
        'No member uses a mobile phone or the internet', 'secondary');
SELECT code, bit, description_en, confidence, shipped, corrected FROM indicator WHERE code = 'telecom';
SELECT last_value AS last_bit_given FROM indicator_bit_seq;
